using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Hesh.Core.Common;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Web.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Bench;

/// <summary>
/// Issue 12's scale figures: `--publisher` (BenchmarkDotNet), `--hubs [N...]` (default 1000 10000 hub connections on
/// one node, the clients in a child process), `--bulk [N...]` (default 50 100 250 500 real browser tabs, a template
/// applied to all their users at once).
/// </summary>
internal static partial class ScaleHarness
{
    public const string Password = "Steady-load-pass-1";

    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (args.Contains("--telemetry"))
        {
            TelemetryBenchmarks.Run(args);
            return true;
        }
        if (args.Contains("--publisher"))
        {
            PublisherBenchmarks.Run(args);
            return true;
        }
        if (args is ["--hub-clients", var address, var file])
        {
            await HubClientProcess.RunAsync(new Uri(address), file);
            return true;
        }
        if (args.Contains("--hubs"))
        {
            await HubScale.RunAsync(Sizes(args, [1000, 10_000]));
            return true;
        }
        if (args.Contains("--bulk"))
        {
            await BulkTabHarness.RunAsync(Sizes(args, [50, 100, 250, 500]));
            return true;
        }
        return false;
    }

    private static int[] Sizes(string[] args, int[] defaults)
    {
        var sizes = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).ToArray();
        return sizes is [] ? defaults : sizes;
    }

    /// <summary>
    /// <paramref name="count"/> active users of the owner's company, inserted in batches with one precomputed password
    /// hash (the app's hasher, cheapened for the harness): seeding 10,000 through UserManager one by one is minutes.
    /// </summary>
    public static async Task<List<HeshUser>> SeedUsersAsync(BenchHost host, string ownerId, int count)
    {
        var companyId = await host.WithScope(s => s.GetRequiredService<HeshDbContext>().Users.Where(u => u.Id == ownerId).Select(u => u.CompanyId).SingleAsync());
        var hash = await host.WithScope(s => Task.FromResult(s.GetRequiredService<IPasswordHasher<HeshUser>>().HashPassword(new HeshUser(), Password)));
        var users = new List<HeshUser>();
        const int Batch = 2_000;
        for (var start = 0; start < count; start += Batch)
        {
            var batch = Enumerable.Range(start, Math.Min(Batch, count - start)).Select(i =>
            {
                var email = $"s{i}-{Guid.NewGuid():N}@bench.hesh";
                return new HeshUser
                {
                    UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true, CompanyId = companyId, FirstName = "Scale", LastName = $"N{i}", Status = UserStatus.Active,
                    PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = DateTime.UtcNow,
                };
            }).ToList();
            await host.WithScope(async s =>
            {
                var db = s.GetRequiredService<HeshDbContext>();
                db.Users.AddRange(batch);
                return await db.SaveChangesAsync();
            });
            users.AddRange(batch);
        }
        return users;
    }

    /// <summary>
    /// Signs users in through the real sign-in form over one pooled HTTP client (cookies kept by hand, so ten thousand
    /// sign-ins do not leave ten thousand sockets in TIME_WAIT). Returns each user's cookies, name → value.
    /// </summary>
    public static async Task<Dictionary<string, Dictionary<string, string>>> SignInAllAsync(BenchHost host, IReadOnlyList<HeshUser> users, int parallel = 16)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = parallel })
        {
            BaseAddress = host.Address,
        };
        var result = new ConcurrentDictionary<string, Dictionary<string, string>>();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (user, ct) =>
        {
            var jar = new Dictionary<string, string>();
            using (var login = await http.GetAsync("/Account/Login", ct))
            {
                Keep(jar, login);
                var token = TokenPattern().Match(await login.Content.ReadAsStringAsync(ct)).Groups[1].Value;
                using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["_handler"] = "login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["Input.Email"] = user.Email!, ["Input.Password"] = Password,
                    }),
                };
                post.Headers.Add("Cookie", HeaderOf(jar));
                using var response = await http.SendAsync(post, ct);
                if (response.StatusCode != HttpStatusCode.Redirect)
                {
                    throw new InvalidOperationException($"Sign-in failed for {user.Email}: {response.StatusCode}");
                }
                Keep(jar, response);
            }
            result[user.Id] = jar;
        });
        return new Dictionary<string, Dictionary<string, string>>(result);
    }

    public static string HeaderOf(Dictionary<string, string> jar) => string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}"));

    private static void Keep(Dictionary<string, string> jar, HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            return;
        }
        foreach (var cookie in cookies)
        {
            var pair = cookie.Split(';', 2)[0];
            var at = pair.IndexOf('=');
            var (name, value) = (pair[..at].Trim(), pair[(at + 1)..].Trim());
            if (value.Length == 0)
            {
                jar.Remove(name);
            }
            else
            {
                jar[name] = value;
            }
        }
    }

    public static double P(IReadOnlyList<double> samples, int percentile)
    {
        var sorted = samples.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static long ManagedHeapAfterFullGc()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(true);
    }

    public static long WorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }

    /// <summary>The 1-minute load average: other work on this machine shows in every figure.</summary>
    public static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>MemAvailable of /proc/meminfo, in MB.</summary>
    public static long AvailableMb() =>
        long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>
/// `--hubs [N...]`: N signed-in users, one /hubs/permissions connection each, on one node. The hub clients run in a
/// child process of this harness (each process may hold at most `ulimit -n` = 20,000 descriptors here, and a loopback
/// connection in one process costs two); the server's figures are therefore its own. 200 permission changes, one at a
/// time, round-robin over 200 users; latency from the change's publication after commit (the notifier's node-wide
/// tap) to the client's handler, both on CLOCK_MONOTONIC (Stopwatch), which the two processes share.
/// </summary>
internal static class HubScale
{
    private const int Changes = 200;
    // Changes made first and not reported: the first few run on cold code (JIT) in both processes.
    private const int Warmup = 20;

    public static async Task RunAsync(int[] sizes)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        Console.WriteLine($"Hesh hub connections on one node (clients in a child process); {Environment.ProcessorCount} cores, .NET {Environment.Version}, loopback, SQLite; " +
            $"{Changes} changes after {Warmup} unreported; load average {ScaleHarness.Load()}");
        Console.WriteLine("| hub connections | changes | publish→client p50 | p95 | p99 | max | call→client p95 | server heap MB/connection | server working set MB/connection | client heap MB/connection | seed + sign-in + connect | load avg |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            if (DateTime.UtcNow > deadline)
            {
                Console.WriteLine($"(stopped before {size}: past the 10-minute bound)");
                break;
            }
            await RunOneAsync(size);
        }
    }

    private static async Task RunOneAsync(int size)
    {
        var setup = Stopwatch.StartNew();
        await using var host = new BenchHost();
        await host.StartAsync();
        var (ownerId, _) = await host.SeedAsync(0);
        var users = await ScaleHarness.SeedUsersAsync(host, ownerId, size);
        var seeded = setup.Elapsed;
        var cookies = await ScaleHarness.SignInAllAsync(host, users);
        var signedIn = setup.Elapsed;
        var notifier = host.Services.GetRequiredService<AccessNotifier>();
        var published = new ConcurrentDictionary<string, long>();
        using var tap = notifier.SubscribeNode(c => { published[c.UserId] = Stopwatch.GetTimestamp(); return Task.CompletedTask; });

        var file = Path.Combine(Path.GetTempPath(), $"hesh-hub-clients-{Guid.NewGuid():N}.tsv");
        await File.WriteAllLinesAsync(file, users.Select(u => $"{u.Id}\t{ScaleHarness.HeaderOf(cookies[u.Id])}"));
        cookies.Clear();
        var heapBefore = ScaleHarness.ManagedHeapAfterFullGc();
        var setBefore = ScaleHarness.WorkingSet();

        using var child = StartChild(host.Address, file);
        var received = new ConcurrentDictionary<(string, int), long>();
        var ready = new TaskCompletionSource<(int Connected, long ClientBytes)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(async () =>
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                var parts = line.Split(' ');
                switch (parts[0])
                {
                    case "R":
                        received.TryAdd((parts[1], int.Parse(parts[2])), long.Parse(parts[3]));
                        break;
                    case "READY":
                        ready.TrySetResult((int.Parse(parts[1]), long.Parse(parts[2])));
                        break;
                    default:
                        Console.Error.WriteLine($"client process: {line}");
                        break;
                }
            }
            ready.TrySetException(new InvalidOperationException("The client process ended before connecting."));
        });
        var (connected, clientBytes) = await ready.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var hubs = host.Services.GetRequiredService<HubConnections>();
        var heapAfter = ScaleHarness.ManagedHeapAfterFullGc();
        var setAfter = ScaleHarness.WorkingSet();
        var setupTime = setup.Elapsed;
        if (connected != size || hubs.Count != size)
        {
            Console.Error.WriteLine($"Only {connected} clients connected ({hubs.Count} on the server) of {size}.");
        }

        var fromPublish = new List<double>();
        var fromCall = new List<double>();
        var versions = new Dictionary<string, int>();
        var targets = users.Take(Math.Min(Changes, users.Count)).ToList();
        for (var i = 0; i < Warmup + Changes; i++)
        {
            var user = targets[i % targets.Count];
            var version = versions.GetValueOrDefault(user.Id);
            var called = Stopwatch.GetTimestamp();
            var result = await host.WithScope(s => s.GetRequiredService<UserPermissionService>()
                .ToggleAsync(ownerId, user.Id, Platform.Mobile, PermissionKey.Analytics, version % 2 == 0, version));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Error);
            }
            versions[user.Id] = version + 1;
            var key = (user.Id, version + 1);
            var wait = Stopwatch.StartNew();
            while (!received.ContainsKey(key) && wait.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(1);
            }
            if (i >= Warmup && received.TryGetValue(key, out var at) && published.TryGetValue(user.Id, out var publishedAt))
            {
                fromPublish.Add(Stopwatch.GetElapsedTime(publishedAt, at).TotalMilliseconds);
                fromCall.Add(Stopwatch.GetElapsedTime(called, at).TotalMilliseconds);
            }
        }
        if (Environment.GetEnvironmentVariable("HESH_BENCH_SAMPLES") is { Length: > 0 } dump)
        {
            await File.WriteAllLinesAsync(dump, fromPublish.Zip(fromCall, (a, b) => $"{a:F2}\t{b:F2}"));
        }
        child.StandardInput.Close();
        if (!child.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            child.Kill(entireProcessTree: true);
        }
        await reader;
        File.Delete(file);

        const double Mb = 1024.0 * 1024.0;
        Console.WriteLine($"| {size:N0} | {fromPublish.Count} | {ScaleHarness.P(fromPublish, 50):F1} ms | {ScaleHarness.P(fromPublish, 95):F1} ms | " +
            $"{ScaleHarness.P(fromPublish, 99):F1} ms | {fromPublish.DefaultIfEmpty(double.NaN).Max():F1} ms | {ScaleHarness.P(fromCall, 95):F1} ms | " +
            $"{(heapAfter - heapBefore) / Mb / size:F3} | {(setAfter - setBefore) / Mb / size:F3} | {clientBytes / Mb / size:F3} | {seeded.TotalSeconds:F0} + {(signedIn - seeded).TotalSeconds:F0} + {(setupTime - signedIn).TotalSeconds:F0} s | {ScaleHarness.Load()} |");
    }

    private static Process StartChild(Uri address, string file)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        var path = Environment.ProcessPath!;
        if (Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            start.FileName = path;
            start.ArgumentList.Add(typeof(HubScale).Assembly.Location);
        }
        else
        {
            start.FileName = path;
        }
        foreach (var arg in new[] { "--hub-clients", address.ToString(), file })
        {
            start.ArgumentList.Add(arg);
        }
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the hub client process.");
    }
}

/// <summary>
/// The child of `--hubs`: connects one WebSocket hub client per line of the file (user id, cookie header), says
/// "READY connected heapBytes", then prints "R user version timestamp" for each pushed change until its input closes.
/// </summary>
internal static class HubClientProcess
{
    public static async Task RunAsync(Uri address, string file)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var output = System.Threading.Channels.Channel.CreateUnbounded<string>(new() { SingleReader = true });
        var writer = Task.Run(async () =>
        {
            var stdout = Console.Out;
            await foreach (var line in output.Reader.ReadAllAsync())
            {
                await stdout.WriteLineAsync(line);
                await stdout.FlushAsync();
            }
        });
        var lines = await File.ReadAllLinesAsync(file);
        var before = ScaleHarness.ManagedHeapAfterFullGc();
        var connections = new ConcurrentBag<HubConnection>();
        var failed = 0;
        await Parallel.ForEachAsync(lines, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = stop.Token }, async (line, ct) =>
        {
            var (userId, cookie) = (line[..line.IndexOf('\t')], line[(line.IndexOf('\t') + 1)..]);
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(address, PermissionsHub.Path), HttpTransportType.WebSockets, o =>
                {
                    o.SkipNegotiation = true;
                    o.Headers["Cookie"] = cookie;
                })
                .Build();
            connection.On<PermissionsSnapshot>(PermissionsHub.PermissionsChanged, s =>
            {
                var at = Stopwatch.GetTimestamp();
                if (s.Receipt is not null)
                {
                    output.Writer.TryWrite($"R {s.UserId} {s.Version} {at}");
                }
            });
            try
            {
                await connection.StartAsync(ct);
                connections.Add(connection);
            }
            catch (Exception ex)
            {
                if (Interlocked.Increment(ref failed) <= 3)
                {
                    output.Writer.TryWrite($"connect failed for {userId}: {ex.GetType().Name}: {ex.Message}");
                }
                await connection.DisposeAsync();
            }
        });
        var bytes = ScaleHarness.ManagedHeapAfterFullGc() - before;
        output.Writer.TryWrite($"READY {connections.Count} {bytes}");
        try
        {
            await Console.In.ReadToEndAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());
        output.Writer.TryComplete();
        await writer;
    }
}
