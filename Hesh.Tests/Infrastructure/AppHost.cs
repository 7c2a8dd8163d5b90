using Hesh.Core.Companies;
using Hesh.Core.Data;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

[assembly: AssemblyFixture(typeof(Hesh.Tests.Infrastructure.AppHost))]

namespace Hesh.Tests.Infrastructure;

/// <summary>
/// One real Hesh.Web host for the whole test run, on a loopback Kestrel port with its own SQLite file and mail
/// pickup folder. Tests isolate themselves by creating their own company, so they can share it.
/// </summary>
public sealed class AppHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("hesh-tests-").FullName;
    private readonly IReadOnlyDictionary<string, string> _settings;

    public string PickupDirectory => Path.Combine(_root, "mail");
    public Uri BaseAddress { get; private set; } = default!;

    public AppHost() : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A host with extra settings, e.g. one node of a PostgreSQL + Redis deployment.</summary>
    internal AppHost(IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
        _demo = new Lazy<Task>(() => WithScopeAsync(s => s.GetRequiredService<Hesh.Core.Demo.DemoData>().SeedAsync()));
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development, because static web assets from packages (MudBlazor) are served only there when running from build output.
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Hesh", $"Data Source={Path.Combine(_root, "hesh.db")}");
        builder.UseSetting("Hesh:Email:PickupDirectory", PickupDirectory);
        builder.UseSetting("Hesh:SeedDemo", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Every test signs in from 127.0.0.1: the limits stay on (the middleware runs) but out of reach; RateLimitTests lowers them.
        builder.UseSetting("Hesh:RateLimits:SignIn", "100000");
        builder.UseSetting("Hesh:RateLimits:Recovery", "100000");
        builder.UseSetting("Hesh:RateLimits:Invitation", "100000");
        builder.UseSetting("Hesh:PublicApi:RateLimits:FailedPerMinute", "100000");
        // Temporary grants end within about two seconds of their time, not thirty: browser tests wait on it in real time.
        builder.UseSetting("Hesh:Access:ExpiryInterval", "00:00:01");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public ValueTask InitializeAsync()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
        return ValueTask.CompletedTask;
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task WithScopeAsync(Func<IServiceProvider, Task> work) =>
        WithScopeAsync<bool>(async s => { await work(s); return true; });

    private readonly Lazy<Task> _demo;

    /// <summary>
    /// Seeds the demo company once per host. Tests on the shared host ask for it at the same moment; the seed itself
    /// returns early once the company row exists, so a second caller could read a half-seeded demo.
    /// </summary>
    public Task SeedDemoAsync() => _demo.Value;

    public Task<T> DbAsync<T>(Func<HeshDbContext, Task<T>> query) =>
        WithScopeAsync(s => query(s.GetRequiredService<HeshDbContext>()));

    /// <summary>A fresh company with an owner and, on request, more users in each status.</summary>
    public async Task<TestCompany> CreateCompanyAsync(string? name = null)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var owner = await WithScopeAsync(async s =>
        {
            var result = await s.GetRequiredService<SignUpService>().SignUpAsync(new SignUpInput
            {
                CompanyName = name ?? $"Workshop {tag}", FirstName = "Olga", LastName = "Owner",
                Email = $"owner-{tag}@test.hesh", Password = TestCompany.Password, ConfirmPassword = TestCompany.Password,
            });
            Assert.True(result.Succeeded, result.Error);
            return result.Value!;
        });
        return new TestCompany(this, owner.CompanyId, owner.Id, owner.Email!, tag);
    }

    public Task<HeshUser?> FindUserAsync(string id) => DbAsync(db => db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id));
}

public sealed record TestCompany(AppHost Host, Guid Id, string OwnerId, string OwnerEmail, string Tag)
{
    public const string Password = "Test-pass-1";

    /// <summary>Adds a user directly in the store, in the given status, with <see cref="Password"/> unless Pending.</summary>
    public Task<HeshUser> AddUserAsync(string first, UserStatus status = UserStatus.Active, bool admin = false) =>
        Host.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<HeshUser>>();
            var email = $"{first.ToLowerInvariant()}-{Tag}-{Guid.NewGuid().ToString("N")[..4]}@test.hesh";
            var user = new HeshUser
            {
                UserName = email, Email = email, EmailConfirmed = true, CompanyId = Id, FirstName = first, LastName = "Tester",
                Status = status, IsAdmin = admin, CreatedAt = DateTime.UtcNow,
            };
            if (status == UserStatus.Pending)
            {
                Invitation.Issue(user, DateTime.UtcNow);
                Assert.True((await users.CreateAsync(user)).Succeeded);
            }
            else
            {
                Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            }
            return user;
        });
}
