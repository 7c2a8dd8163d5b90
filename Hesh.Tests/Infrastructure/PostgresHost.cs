namespace Hesh.Tests.Infrastructure;

/// <summary>A Hesh host on a fresh PostgreSQL database, where nulls and collation differ from SQLite's.</summary>
public sealed class PostgresHost : IAsyncLifetime
{
    private static string? Postgres => Environment.GetEnvironmentVariable("HESH_TEST_POSTGRES");
    private AppHost? _app;

    public AppHost App
    {
        get
        {
            Assert.SkipWhen(_app is null, "PostgreSQL is not configured (HESH_TEST_POSTGRES); test.sh sets it.");
            return _app!;
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (string.IsNullOrEmpty(Postgres))
        {
            return;
        }
        _app = new AppHost(new Dictionary<string, string>
        {
            ["Hesh:Database:Provider"] = "Postgres",
            ["ConnectionStrings:Hesh"] = $"{Postgres};Database=hesh_test_{Guid.NewGuid():N}",
        });
        await _app.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DbAsync(db => db.Database.EnsureDeletedAsync());
            await _app.DisposeAsync();
        }
    }
}
