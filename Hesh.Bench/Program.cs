// Load harness: change → client latency over the SignalR hub, on loopback, bounded in count and time.
// Usage: dotnet run -c Release --project Hesh.Bench -- [clients...]   (default: 1 100 1000)
// Other harnesses: --two-nodes, --browser, --load, --lists, --webhooks, --circuits [tabs] [--gcdump DIR], --import [rows] [runs], --public-api, --telemetry (see docs/benchmarks.md).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Web.Live;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;


namespace Hesh.Bench;

public static class LatencyHarness
{
    public static async Task Main(string[] args)
    {
        if (await ScaleHarness.TryRunAsync(args))
        {
            return;
        }
        if (args is ["--webhooks", ..])
        {
            await WebhookHarness.RunAsync();
            return;
        }
        if (args.Contains("--public-api"))
        {
            await PublicApiHarness.RunAsync();
            return;
        }
        if (args is ["--burst", var databaseFile])
        {
            await BurstHarness.RunAsync(databaseFile);
            return;
        }
        if (args is ["--circuit-server", var app, var maxTabs])
        {
            await Circuits.CircuitServer.RunAsync(app, int.Parse(maxTabs));
            return;
        }
        if (args.Contains("--circuits"))
        {
            var gcdump = Array.IndexOf(args, "--gcdump") is >= 0 and var at && at + 1 < args.Length ? args[at + 1] : null;
            var counts = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && a != gcdump).Select(int.Parse).ToArray();
            await Circuits.CircuitHarness.RunAsync(counts is [var n] ? n : 20, gcdump);
            return;
        }
        if (args.Contains("--import"))
        {
            var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).ToArray();
            await ImportHarness.RunAsync(numbers is [var rows, ..] ? rows : 5000, numbers is [_, var runs] ? runs : 3);
            return;
        }
        if (args.Contains("--load"))
        {
            var loads = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).ToArray();
            await LoadHarness.RunAsync(loads is [] ? [100, 1000] : loads);
            return;
        }
        var twoNodes = args.Contains("--two-nodes");
        var browserMode = args.Contains("--browser");
        var sizes = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).DefaultIfEmpty().ToArray();
        sizes = sizes is [0] ? [1, 100, 1000] : sizes;
        const int ChangesPerRun = 200;
        var deadline = DateTime.UtcNow.AddMinutes(10);

        if (browserMode)
        {
            await BrowserHarness.RunAsync();
            return;
        }
        if (args.Contains("--lists"))
        {
            await ListHarness.RunAsync();
            return;
        }
        var nodes = twoNodes ? "two nodes (PostgreSQL + Redis), clients on B, changes on A" : "one node, SQLite";
        Console.WriteLine($"Hesh change→client latency over /hubs/permissions — {nodes}; {System.Environment.ProcessorCount} cores, .NET {System.Environment.Version}, loopback");
        Console.WriteLine("clients | changes | p50 ms | p95 ms | p99 ms | max ms | MB/connection (server+client, one process)");
        foreach (var size in sizes)
        {
            if (DateTime.UtcNow > deadline)
            {
                break;
            }
            var settings = twoNodes ? TwoNodeSettings() : null;
            await using var a = new BenchHost(settings);
            await a.StartAsync();
            BenchHost? b = null;
            if (twoNodes)
            {
                b = new BenchHost(settings);
                await b.StartAsync();
            }
            try
            {
                var result = await Run(a, b ?? a, size, ChangesPerRun);
                Console.WriteLine($"{size,7} | {result.Changes,7} | {result.P(50),6:F1} | {result.P(95),6:F1} | {result.P(99),6:F1} | {result.Max,6:F1} | {result.MbPerConnection,6:F3}");
            }
            finally
            {
                if (b is not null)
                {
                    await b.DisposeAsync();
                }
            }
        }
    }

    private static Dictionary<string, string> TwoNodeSettings() => new()
    {
        ["Hesh:Database:Provider"] = "Postgres",
        ["ConnectionStrings:Hesh"] = $"{System.Environment.GetEnvironmentVariable("HESH_TEST_POSTGRES") ?? throw new InvalidOperationException("Set HESH_TEST_POSTGRES")};Database=hesh_bench_{Guid.NewGuid():N}",
        ["Hesh:Redis"] = System.Environment.GetEnvironmentVariable("HESH_TEST_REDIS") ?? throw new InvalidOperationException("Set HESH_TEST_REDIS"),
    };

    /// <summary>Changes are made on <paramref name="host"/>; clients connect to <paramref name="clientsNode"/>.</summary>
    private static async Task<Latencies> Run(BenchHost host, BenchHost clientsNode, int clients, int changes)
        {
            var (ownerId, users) = await host.SeedAsync(clients);
            var published = new ConcurrentDictionary<(string, int), long>();
            using var tap = host.Services.GetRequiredService<AccessNotifier>().SubscribeNode(c => { published[(c.UserId, -1)] = Stopwatch.GetTimestamp(); return Task.CompletedTask; });
            var received = new ConcurrentDictionary<(string, int), long>();
            var connections = new List<HubConnection>();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalMemory(true);
            foreach (var chunk in users.Chunk(50))
            {
                connections.AddRange(await Task.WhenAll(chunk.Select(async u =>
                {
                    var cookies = await clientsNode.SignInAsync(u.Email!);
                    var connection = new HubConnectionBuilder().WithUrl(new Uri(clientsNode.Address, PermissionsHub.Path), o => o.Cookies = cookies).Build();
                    connection.On<PermissionsSnapshot>(PermissionsHub.PermissionsChanged, s => received.TryAdd((s.UserId, s.Version), Stopwatch.GetTimestamp()));
                    await connection.StartAsync();
                    return connection;
                })));
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var perConnection = (GC.GetTotalMemory(true) - before) / 1024.0 / 1024.0 / clients;

            var samples = new List<double>();
            var versions = users.ToDictionary(u => u.Id, _ => 0);
            for (var i = 0; i < changes; i++)
            {
                var user = users[i % users.Count];
                var version = versions[user.Id];
                var on = version % 2 == 0;
                var result = await host.WithScope(s => s.GetRequiredService<UserPermissionService>()
                    .ToggleAsync(ownerId, user.Id, Platform.Mobile, PermissionKey.Analytics, on, version));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(result.Error);
                }
                versions[user.Id] = version + 1;
                var committedAt = published[(user.Id, -1)];
                var key = (user.Id, version + 1);
                var wait = Stopwatch.StartNew();
                while (!received.ContainsKey(key) && wait.Elapsed < TimeSpan.FromSeconds(10))
                {
                    await Task.Yield();
                }
                if (received.TryGetValue(key, out var at))
                {
                    samples.Add(Stopwatch.GetElapsedTime(committedAt, at).TotalMilliseconds);
                }
            }
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
            return new Latencies(samples, perConnection);
        }
}

sealed record Latencies(List<double> Samples, double MbPerConnection)
{
    public int Changes => Samples.Count;
    public double Max => Samples.Max();
    public double P(int percentile)
    {
        var sorted = Samples.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>The real Hesh.Web on a loopback Kestrel port with a throwaway SQLite file.</summary>
sealed partial class BenchHost : WebApplicationFactory<global::Program>
{
    private readonly string _root = Directory.CreateTempSubdirectory("hesh-bench-").FullName;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly bool _serveStaticAssets;
    private readonly Action<IServiceCollection>? _services;
    public Uri Address { get; private set; } = default!;
    public string Root => _root;

    /// <param name="serveStaticAssets">Serve the packages' static files (MudBlazor's, the framework's) from the build output in any environment, for a browser.</param>
    /// <param name="services">Harness-only services, added after the app's own.</param>
    public BenchHost(IReadOnlyDictionary<string, string>? settings = null, string environment = "Production",
        bool serveStaticAssets = false, Action<IServiceCollection>? services = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        _serveStaticAssets = serveStaticAssets;
        _services = services;
        Environment = environment;
        UseKestrel(0);
    }

    public string Environment { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:Hesh", $"Data Source={Path.Combine(_root, "bench.db")}");
        builder.UseSetting("Hesh:Email:PickupDirectory", Path.Combine(_root, "mail"));
        builder.UseSetting("Serilog:MinimumLevel:Default", "Error");
        builder.UseSetting("Serilog:MinimumLevel:Override:Hesh", "Error");
        // Seeding 1,000 sign-ins is about hashing, not about what is measured: cheaper hashes for the harness only.
        builder.ConfigureTestServices(s =>
        {
            s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
            _services?.Invoke(s);
        });
        if (_serveStaticAssets)
        {
            builder.UseStaticWebAssets();
        }
        builder.UseSetting("Hesh:SeedDemo", "false");
        // Every harness client signs in from 127.0.0.1: the per-address sign-in limit would stop it after ten.
        builder.UseSetting("Hesh:RateLimits:Enabled", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public Task StartAsync()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("[::]", "127.0.0.1"));
        return Task.CompletedTask;
    }

    public async Task<T> WithScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task<(string OwnerId, List<HeshUser> Users)> SeedAsync(int count)
    {
        var owner = (await WithScope(s => s.GetRequiredService<SignUpService>().SignUpAsync(new SignUpInput
        {
            CompanyName = "Bench Works", FirstName = "Bench", LastName = "Owner", Email = $"owner-{Guid.NewGuid():N}@bench.hesh",
            Password = "Steady-load-pass-1", ConfirmPassword = "Steady-load-pass-1",
        }))).Value!;
        var users = new List<HeshUser>();
        for (var i = 0; i < count; i++)
        {
            users.Add(await WithScope(async s =>
            {
                var email = $"u{i}-{Guid.NewGuid():N}@bench.hesh";
                var user = new HeshUser { UserName = email, Email = email, CompanyId = owner.CompanyId, FirstName = "User", LastName = $"N{i}", Status = UserStatus.Active };
                await s.GetRequiredService<UserManager<HeshUser>>().CreateAsync(user, "Steady-load-pass-1");
                return user;
            }));
        }
        return (owner.Id, users);
    }

    public async Task<CookieContainer> SignInAsync(string email)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Address };
        var page = await client.GetStringAsync("/Account/Login");
        var token = TokenPattern().Match(page).Groups[1].Value;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["Input.Email"] = email, ["Input.Password"] = "Steady-load-pass-1",
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed for {email}: {response.StatusCode}");
        }
        return cookies;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
