using Hesh.Tests.Infrastructure;
using StackExchange.Redis;

namespace Hesh.Tests.MultiNode;

/// <summary>
/// Two Hesh.Web nodes on different loopback ports, sharing one PostgreSQL database and one Redis — the deployment
/// of several servers. Needs HESH_TEST_POSTGRES (a connection string without a database) and HESH_TEST_REDIS;
/// test.sh installs and starts both and sets them, so CI always runs these tests. The sign-in limit is the production
/// default (10 a minute per address), counted in that Redis across both nodes.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public static string? Postgres => Environment.GetEnvironmentVariable("HESH_TEST_POSTGRES");
    public static string? Redis => Environment.GetEnvironmentVariable("HESH_TEST_REDIS");
    public static bool Available => !string.IsNullOrEmpty(Postgres) && !string.IsNullOrEmpty(Redis);

    public AppHost A { get; private set; } = default!;
    public AppHost B { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        if (!Available)
        {
            return;
        }
        var settings = new Dictionary<string, string>
        {
            ["Hesh:Database:Provider"] = "Postgres",
            ["ConnectionStrings:Hesh"] = $"{Postgres};Database=hesh_nodes_{Guid.NewGuid():N}",
            ["Hesh:Redis"] = Redis!,
            ["Hesh:RateLimits:SignIn"] = "10",
        };
        await ForgetEarlierWindowsAsync();
        A = new AppHost(settings);
        await A.InitializeAsync();   // migrates the new database first
        B = new AppHost(settings);
        await B.InitializeAsync();
    }

    /// <summary>The Redis outlives a test run: sign-ins of a run a minute ago must not count against this one.</summary>
    private static async Task ForgetEarlierWindowsAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis!);
        var server = redis.GetServer(redis.GetEndPoints().Single());
        var db = redis.GetDatabase();
        await foreach (var key in server.KeysAsync(pattern: "rl:sw:{hesh:*"))
        {
            await db.KeyDeleteAsync(key);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (B is not null)
        {
            await B.DisposeAsync();
        }
        if (A is not null)
        {
            await A.DbAsync(db => db.Database.EnsureDeletedAsync());
            await A.DisposeAsync();
        }
    }
}
