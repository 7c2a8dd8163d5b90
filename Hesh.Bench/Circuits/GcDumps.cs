using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Hesh.Bench.Circuits;

/// <summary>
/// `--gcdump DIR`: dotnet-gcdump (the repository's local tool, `dotnet tool restore`) of a server before and after
/// its extra tabs, and the types whose bytes grew most, per tab. Sizes are each object's own (not what it retains).
/// </summary>
internal sealed partial class GcDumps(string folder, int tabs)
{
    private const int Shown = 40;

    public async Task<string> CollectAsync(ServedApp app, string name)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{name}.gcdump");
        await ToolAsync("collect", "-p", $"{app.ProcessId}", "-o", file);
        return file;
    }

    public void Compare(string before, string after, string name)
    {
        var (a, b) = (Types(before), Types(after));
        var growth = b.Select(t => (Type: t.Key, Bytes: t.Value.Bytes - a.GetValueOrDefault(t.Key).Bytes, Count: t.Value.Count - a.GetValueOrDefault(t.Key).Count))
            .OrderByDescending(t => t.Bytes)
            .ToList();
        var report = Path.Combine(folder, $"{name}-growth.txt");
        using (var writer = new StreamWriter(report))
        {
            writer.WriteLine($"{"bytes/tab",10} {"objects/tab",11}  type   ({name}: {after} − {before}, / {tabs})");
            foreach (var (type, bytes, count) in growth)
            {
                writer.WriteLine($"{bytes / (double)tabs,10:F0} {count / (double)tabs,11:F1}  {type}");
            }
        }
        Console.WriteLine($"  {name}: {growth.Sum(g => g.Bytes) / 1024.0 / tabs:F1} KB/tab in the dumps; top types by growth per tab (all in {report}):");
        foreach (var (type, bytes, count) in growth.Take(Shown))
        {
            Console.WriteLine($"    {bytes / (double)tabs,8:F0} B {count / (double)tabs,6:F1}×  {type}");
        }
    }

    /// <summary>dotnet-gcdump's report, summed by type across its size bands ("(Bytes &gt; 1K)").</summary>
    private Dictionary<string, (long Bytes, long Count)> Types(string dump)
    {
        var types = new Dictionary<string, (long Bytes, long Count)>();
        foreach (var line in Tool("report", dump).Split('\n'))
        {
            if (Row().Match(line) is { Success: true } row)
            {
                var type = row.Groups["type"].Value.Trim();
                var (bytes, count) = types.GetValueOrDefault(type);
                types[type] = (bytes + long.Parse(row.Groups["bytes"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture),
                    count + long.Parse(row.Groups["count"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
            }
        }
        return types;
    }

    private static async Task ToolAsync(params string[] args) => await Task.Run(() => Tool(args));

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

    [GeneratedRegex(@"^\s*(?<bytes>[\d,]+)\s+(?<count>[\d,]+)\s+(?<type>.+?)(\s+\(Bytes > [\d.]+[KM]?\))?\s+\[[^\]]+\]\s*$")]
    private static partial Regex Row();
}
