using System.Diagnostics;

namespace Hesh.Bench.Circuits;

/// <summary>The parent's handle on a <see cref="CircuitServer"/> child process.</summary>
internal sealed class ServedApp : IAsyncDisposable
{
    private readonly Process _process;

    private ServedApp(Process process, string[] ready)
    {
        _process = process;
        Address = new Uri(ready[0]);
        Details = ready[1..];
    }

    public Uri Address { get; }
    /// <summary>Hesh: owner email, password, a member's id. Blank: nothing.</summary>
    public string[] Details { get; }
    public int ProcessId => _process.Id;

    public static async Task<ServedApp> StartAsync(string app, int maxTabs)
    {
        // `dotnet run` starts the apphost; `dotnet Hesh.Bench.dll` starts dotnet: start the child the same way.
        var self = System.Environment.ProcessPath!;
        var viaDotnet = Path.GetFileNameWithoutExtension(self) == "dotnet";
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (viaDotnet)
        {
            start.ArgumentList.Add(typeof(ServedApp).Assembly.Location);
        }
        foreach (var arg in new[] { "--circuit-server", app, $"{maxTabs}" })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        var served = new ServedApp(process, (await ReadAnswerAsync(process, "ready", TimeSpan.FromMinutes(2))).Split(' '));
        return served;
    }

    public async Task<long> HeapAsync() => long.Parse(await AskAsync("heap"));

    /// <summary>Circuits whose connection is up, and circuits still in memory (connected or kept for a reconnect).</summary>
    public async Task<(int Connected, int Open)> CircuitsAsync() => (await AskAsync("circuits")).Split(' ') is [var connected, var open]
        ? (int.Parse(connected), int.Parse(open))
        : throw new InvalidOperationException("circuits: two numbers expected");

    private async Task<string> AskAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        return await ReadAnswerAsync(_process, command, TimeSpan.FromMinutes(1));
    }

    /// <summary>The next protocol line; anything else the app writes to stdout (its own log) is skipped.</summary>
    private static async Task<string> ReadAnswerAsync(Process process, string command, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (await process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.StartsWith($"{CircuitServer.Prefix}{command} ", StringComparison.Ordinal))
            {
                return line[(CircuitServer.Prefix.Length + command.Length + 1)..];
            }
            if (line.StartsWith($"{CircuitServer.Prefix}error", StringComparison.Ordinal))
            {
                throw new InvalidOperationException(line);
            }
        }
        throw new InvalidOperationException($"The {command} answer never came: the server process ended ({(process.HasExited ? process.ExitCode : "running")}).");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await _process.StandardInput.WriteLineAsync("quit");
            await _process.StandardInput.FlushAsync();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }
}
