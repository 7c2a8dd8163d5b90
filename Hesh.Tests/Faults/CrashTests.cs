using System.Diagnostics;
using Hesh.Core.Audit;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Faults;

/// <summary>
/// The server process killed with SIGKILL in the middle of a burst of permission changes. The burst runs in a
/// process of its own (Hesh.Bench --burst: the whole Hesh.Web host on a SQLite file), which prints a line after
/// each commit; the test kills it, starts Hesh again on the same file and checks what survived.
/// </summary>
public sealed class CrashTests
{
    private static string BenchAssembly
    {
        get
        {
            // Hesh.Tests/bin/<Configuration>/net10.0/ → Hesh.Bench/bin/<Configuration>/net10.0/ (test.sh builds the solution).
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = output.Parent!.Name;
            return Path.Combine(output.Parent.Parent!.Parent!.Parent!.FullName, "Hesh.Bench", "bin", configuration, output.Name, "Hesh.Bench.dll");
        }
    }

    [Fact]
    public async Task ServerKilledMidBurst_RestartsConsistent_AndLosesNoAcknowledgedChange()
    {
        Assert.True(File.Exists(BenchAssembly), $"{BenchAssembly} is missing: build the solution first.");
        var folder = Directory.CreateTempSubdirectory("hesh-crash-").FullName;
        var database = Path.Combine(folder, "hesh.db");
        string userId;
        int acknowledged;
        using (var server = Process.Start(new ProcessStartInfo("dotnet", [BenchAssembly, "--burst", database])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!)
        {
            server.ErrorDataReceived += (_, _) => { };
            server.BeginErrorReadLine();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var ready = await ReadLineAsync(server, timeout.Token);
            Assert.StartsWith("ready ", ready);
            userId = ready["ready ".Length..];
            acknowledged = 0;
            while (acknowledged < 150)
            {
                var line = await ReadLineAsync(server, timeout.Token);
                acknowledged = int.Parse(line["committed ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }
            server.Kill();   // SIGKILL: no shutdown, no flush, no finally blocks
            await server.WaitForExitAsync(timeout.Token);
            Assert.Equal(137, server.ExitCode);   // 128 + SIGKILL
            // Acknowledgements written before the kill but not yet read still count: the pipe keeps them.
            var rest = await server.StandardOutput.ReadToEndAsync(timeout.Token);
            foreach (var line in rest.Split('\n').Where(l => l.StartsWith("committed ", StringComparison.Ordinal)))
            {
                acknowledged = int.Parse(line["committed ".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        await using var restarted = new AppHost(new Dictionary<string, string> { ["ConnectionStrings:Hesh"] = $"Data Source={database}" });
        await restarted.InitializeAsync();
        try
        {
            Assert.Equal("ok", await restarted.DbAsync(db => db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync()).ContinueWith(t => string.Join(",", t.Result)));
            var user = (await restarted.FindUserAsync(userId))!;
            Assert.InRange(user.AccessVersion, acknowledged, acknowledged + 1);   // at most one commit was not yet acknowledged
            var entries = await restarted.DbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == userId).OrderBy(e => e.Id).ToListAsync());
            Assert.Equal(user.AccessVersion, entries.Count);   // every change with its audit entry, none without
            for (var i = 1; i < entries.Count; i++)
            {
                Assert.Equal(entries[i - 1].After, entries[i].Before);
            }
            Assert.Equal(entries[^1].After, user.WebAccess.Describe());

            var owner = await restarted.DbAsync(db => db.Users.SingleAsync(u => u.IsOwner));
            var next = await restarted.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
                .ToggleAsync(owner.Id, userId, Platform.Web, PermissionKey.Analytics, !user.WebAccess.Has(PermissionKey.Analytics), user.AccessVersion));
            Assert.True(next.Succeeded, next.Error);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The harness's next own line; the host's console log lines in between are skipped.</summary>
    private static async Task<string> ReadLineAsync(Process process, CancellationToken ct)
    {
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(ct)
                ?? throw new InvalidOperationException($"The burst process ended early (exit code {(process.HasExited ? process.ExitCode : -1)}).");
            if (line.StartsWith("ready ", StringComparison.Ordinal) || line.StartsWith("committed ", StringComparison.Ordinal))
            {
                return line;
            }
        }
    }
}
