using System.Diagnostics;

namespace Hesh.Bench.Circuits;

/// <summary>
/// `--gcdump DIR`: dotnet-gcdump (the repository's local tool, `dotnet tool restore`) of a server before and after
/// its extra tabs, for a heap viewer; and the growth of each owner of <see cref="HeapBreakdown"/>, per tab.
/// </summary>
internal sealed class GcDumps(string folder, int tabs)
{
    private const int Shown = 30;

    /// <summary>Writes NAME.gcdump and returns what each owner holds.</summary>
    public async Task<Dictionary<string, HeapBreakdown.Owner>> CollectAsync(ServedApp app, string name)
    {
        Directory.CreateDirectory(folder);
        await Task.Run(() => Tool("collect", "-p", $"{app.ProcessId}", "-o", Path.Combine(folder, $"{name}.gcdump")));
        await app.HeapAsync();
        return await Task.Run(() => HeapBreakdown.Measure(app.ProcessId, Path.Combine(folder, $"{name}.dmp")));
    }

    /// <summary>Owners' bytes before and after the tabs, per tab: printed by category and written in full.</summary>
    public void Compare(Dictionary<string, HeapBreakdown.Owner> before, Dictionary<string, HeapBreakdown.Owner> after, string name)
    {
        var growth = after.Values
            .Select(o => (o.Label, Bytes: (o.Bytes - (before.GetValueOrDefault(o.Label)?.Bytes ?? 0)) / (double)tabs,
                Instances: (o.Instances - (before.GetValueOrDefault(o.Label)?.Instances ?? 0)) / (double)tabs))
            .Concat(before.Values.Where(o => !after.ContainsKey(o.Label)).Select(o => (o.Label, Bytes: -o.Bytes / (double)tabs, Instances: -o.Instances / (double)tabs)))
            .OrderByDescending(g => g.Bytes)
            .ToList();
        var report = Path.Combine(folder, $"{name}-breakdown.txt");
        using (var writer = new StreamWriter(report))
        {
            writer.WriteLine($"{"bytes/tab",10} {"owners/tab",10}  owner   ({name}, {tabs} tabs)");
            foreach (var (label, bytes, instances) in growth)
            {
                writer.WriteLine($"{bytes,10:F0} {instances,10:F1}  {label}");
                if (Math.Abs(bytes) >= 1024 && after.TryGetValue(label, out var owner))
                {
                    var types = owner.Types.Select(t => (Type: t.Key, Bytes: (t.Value - (before.GetValueOrDefault(label)?.Types.GetValueOrDefault(t.Key) ?? 0)) / (double)tabs));
                    // The big owners in full: the JS runtime's JSON metadata shows which types went through JS interop.
                    foreach (var (type, typeBytes) in types.OrderByDescending(t => Math.Abs(t.Bytes)).Take(Math.Abs(bytes) >= 20 * 1024 ? 200 : 8).Where(t => Math.Abs(t.Bytes) >= 64))
                    {
                        writer.WriteLine($"{"",10} {"",10}      {typeBytes,8:F0}  {type}");
                    }
                }
            }
        }
        Console.WriteLine($"  {name}: {growth.Sum(g => g.Bytes) / 1024:F1} KB/tab reachable; by category:");
        foreach (var category in growth.GroupBy(g => Category(g.Label)).OrderByDescending(c => c.Sum(g => g.Bytes)))
        {
            Console.WriteLine($"    {category.Sum(g => g.Bytes) / 1024,7:F1} KB  {category.Key}");
        }
        Console.WriteLine($"  top owners (all in {report}):");
        foreach (var (label, bytes, instances) in growth.Take(Shown))
        {
            Console.WriteLine($"    {bytes / 1024,7:F1} KB {instances,5:F1}×  {label}");
        }
    }

    private static string Category(string label) => label.Split(": ", 2) switch
    {
        ["Service", var type] when type.StartsWith("MudBlazor", StringComparison.Ordinal) => "MudBlazor scoped services",
        ["Service", var type] when type.StartsWith("Hesh", StringComparison.Ordinal) => "Hesh scoped services",
        ["Service", var type] when type.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) => "EF Core scoped services",
        ["Service", var type] when type.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) => "Identity scoped services",
        ["Service", _] => "Framework scoped services",
        [var kind and ("Component" or "Render tree"), var type] => $"{kind}s: {Library(type)}",
        ["Shared", _] => "Shared (held outside any circuit)",
        _ => label,
    };

    private static string Library(string type) =>
        type.StartsWith("MudBlazor", StringComparison.Ordinal) ? "MudBlazor" : type.StartsWith("Hesh", StringComparison.Ordinal) ? "Hesh" : "framework";

    private static string Tool(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "tool", "run", "dotnet-gcdump" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet-gcdump {string.Join(' ', args)} failed: {errors}");
        }
        return output.Result;
    }
}
