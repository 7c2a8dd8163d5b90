using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Bench;

/// <summary>
/// `--load [N...]` (default 100 1000): N users signed in through the real form, each with a hub connection open,
/// while 16 workers load authorized pages as those users and permission changes stream at 20 per second. Reports
/// page loads per second with their latency, and change → client latency under that load. Loopback, 15 s a size.
/// </summary>
public static class LoadHarness
{
    private static readonly string[] Pages = ["/", "/my-tasks", "/products"];
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);
    // Page loads before measuring: JIT and caches warm up, so the first size is not measured cold.
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(5);
    private const int Workers = 16;
    private const int ChangesPerSecond = 20;

    public static async Task RunAsync(int[] sizes)
    {
        Console.WriteLine($"Hesh load: signed-in users with hub connections, {Workers} page-load workers, {ChangesPerSecond} permission changes/s, " +
            $"{Duration.TotalSeconds:F0} s per size; {Environment.ProcessorCount} cores, .NET {Environment.Version}, loopback, SQLite");
        Console.WriteLine("| users (hub connections) | page loads/s | page p50 | page p95 | page p99 | page errors | changes | change→client p50 | p95 | p99 | max | MB/connection |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        // Every size once unreported first: the runtime keeps optimising hot code for a minute or more (tiered JIT,
        // dynamic PGO); measured cold, whichever size ran first looked slowest (seen: 448 vs 619 page loads/s).
        foreach (var (size, report) in sizes.Select(s => (s, false)).Concat(sizes.Select(s => (s, true))))
        {
            await using var host = new BenchHost();
            await host.StartAsync();
            var (ownerId, users) = await host.SeedAsync(size);
            var published = new ConcurrentDictionary<string, long>();
            using var tap = host.Services.GetRequiredService<AccessNotifier>().SubscribeNode(c => { published[c.UserId] = Stopwatch.GetTimestamp(); return Task.CompletedTask; });
            var received = new ConcurrentDictionary<(string, int), long>();

            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalMemory(true);
            var cookies = new Dictionary<string, string>();
            var connections = new List<HubConnection>();
            foreach (var chunk in users.Chunk(50))
            {
                connections.AddRange(await Task.WhenAll(chunk.Select(async u =>
                {
                    var jar = await host.SignInAsync(u.Email!);
                    lock (cookies)
                    {
                        cookies[u.Id] = jar.GetCookieHeader(host.Address);
                    }
                    var connection = new HubConnectionBuilder().WithUrl(new Uri(host.Address, PermissionsHub.Path), o => o.Cookies = jar).Build();
                    connection.On<PermissionsSnapshot>(PermissionsHub.PermissionsChanged, s => received.TryAdd((s.UserId, s.Version), Stopwatch.GetTimestamp()));
                    await connection.StartAsync();
                    return connection;
                })));
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var perConnection = (GC.GetTotalMemory(true) - before) / 1024.0 / 1024.0 / size;

            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = Workers })
            {
                BaseAddress = host.Address,
            };
            var pageTimes = new ConcurrentBag<double>();
            var errors = 0;
            using var stop = new CancellationTokenSource(Warmup + Duration);
            var started = Stopwatch.StartNew();
            var ids = users.Select(u => u.Id).ToArray();
            var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
            {
                var random = new Random(w);
                while (!stop.IsCancellationRequested)
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, Pages[random.Next(Pages.Length)]);
                    request.Headers.Add("Cookie", cookies[ids[random.Next(ids.Length)]]);
                    var sent = Stopwatch.GetTimestamp();
                    using var response = await http.SendAsync(request);
                    await response.Content.ReadAsStringAsync();
                    if (started.Elapsed < Warmup)
                    {
                        continue;
                    }
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        pageTimes.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            })).ToList();

            await Task.Delay(Warmup);
            var changeTimes = new List<double>();
            var versions = users.ToDictionary(u => u.Id, _ => 0);
            var changeRandom = new Random(42);
            var clock = Stopwatch.StartNew();
            var changes = 0;
            while (!stop.IsCancellationRequested)
            {
                var user = users[changeRandom.Next(users.Count)];
                var version = versions[user.Id];
                var result = await host.WithScope(s => s.GetRequiredService<UserPermissionService>()
                    .ToggleAsync(ownerId, user.Id, Platform.Mobile, PermissionKey.Analytics, version % 2 == 0, version));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(result.Error);
                }
                versions[user.Id] = version + 1;
                var committedAt = published[user.Id];
                var key = (user.Id, version + 1);
                while (!received.ContainsKey(key) && Stopwatch.GetElapsedTime(committedAt) < TimeSpan.FromSeconds(10))
                {
                    await Task.Delay(1);
                }
                if (received.TryGetValue(key, out var at))
                {
                    changeTimes.Add(Stopwatch.GetElapsedTime(committedAt, at).TotalMilliseconds);
                }
                changes++;
                // A steady stream: the next change waits for its slot.
                var next = TimeSpan.FromSeconds((double)changes / ChangesPerSecond) - clock.Elapsed;
                if (next > TimeSpan.Zero)
                {
                    await Task.Delay(next);
                }
            }
            await Task.WhenAll(workers);
            var seconds = clock.Elapsed.TotalSeconds;
            var pages = new Latencies(pageTimes.ToList(), 0);
            var live = new Latencies(changeTimes, perConnection);
            if (report)
            {
                Console.WriteLine($"| {size:N0} | {pages.Changes / seconds:F0} | {pages.P(50):F1} ms | {pages.P(95):F1} ms | {pages.P(99):F1} ms | {errors} | {live.Changes} | " +
                    $"{live.P(50):F1} ms | {live.P(95):F1} ms | {live.P(99):F1} ms | {live.Max:F1} ms | {perConnection:F3} |");
            }
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }
}
