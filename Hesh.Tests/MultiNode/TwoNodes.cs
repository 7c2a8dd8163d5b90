using Hesh.Tests.Infrastructure;

namespace Hesh.Tests.MultiNode;

/// <summary>
/// Two Hesh.Web nodes on different loopback ports, sharing one PostgreSQL database and one Redis — the deployment
/// of several servers. Needs HESH_TEST_POSTGRES (a connection string without a database) and HESH_TEST_REDIS;
/// test.sh installs and starts both and sets them, so CI always runs these tests.
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
        };
        A = new AppHost(settings);
        await A.InitializeAsync();   // migrates the new database first
        B = new AppHost(settings);
        await B.InitializeAsync();
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
