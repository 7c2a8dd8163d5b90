using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Hesh.Core.Common;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Hesh.Tests.Infrastructure;

/// <summary>
/// bUnit with MudBlazor and the real Core services on a throwaway SQLite file, signed in as <see cref="SignInAs"/>.
/// Popovers, dialogs and snackbars render into the providers, which each test renders first when it needs them.
/// </summary>
public abstract class HeshComponentTest : BunitContext
{
    private readonly string _dbFile = Path.Combine(Path.GetTempPath(), $"hesh-bunit-{Guid.NewGuid():N}.db");

    protected HeshComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hesh"] = $"Data Source={_dbFile}",
            ["Hesh:Email:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "hesh-bunit-mail"),
        }).Build();
        Services.AddLogging();
        Services.AddMudServices();
        Services.AddHeshLocalization();
        Services.AddHeshCore(configuration, Path.GetTempPath());
        Services.AddDataProtection();
        Services.AddIdentityCore<HeshUser>(AccountPolicy.Apply).AddHeshPasswordRules().AddEntityFrameworkStores<HeshDbContext>().AddDefaultTokenProviders();
        Services.AddSingleton<IAppLinks, FakeLinks>();
        Services.AddScoped<ServerCalls>();
        Services.AddScoped<LinkBase>();
        Services.AddHeshZones();
        Services.AddScoped<Hesh.Web.Live.LiveState>();
        Services.AddSingleton<Hesh.Web.Live.HubConnections>();
        Services.AddSingleton<Hesh.Web.Live.LivePresence>();
        Services.AddSingleton<Hesh.Web.Live.IPresenceStore>(_ => new Hesh.Web.Live.InMemoryPresenceStore());
        Services.AddSingleton<ILivePresence>(sp => sp.GetRequiredService<Hesh.Web.Live.LivePresence>());
        Services.AddScoped<Hesh.Web.Live.PresenceCircuitHandler>();
        Authorization = AddAuthorization();
    }

    protected BunitAuthorizationContext Authorization { get; }

    protected void SignInAs(string userId)
    {
        Authorization.SetAuthorized(userId);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
    }

    protected async Task<T> WithDbAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeshDbContext>();
        await db.Database.MigrateAsync();
        return await work(scope.ServiceProvider);
    }

    protected const string SeedPassword = "Seed-pass-1";

    /// <summary>A company signed up by its owner, plus active users as asked (email: first name, lower-cased).</summary>
    protected Task<(HeshUser Owner, HeshUser[] People)> SeedCompanyAsync(string ownerFirst, params (string First, string Last, bool Admin, AccessSet? Web)[] people) =>
        WithDbAsync(async s =>
        {
            var owner = (await s.GetRequiredService<Hesh.Core.Companies.SignUpService>().SignUpAsync(new SignUpInput
            {
                CompanyName = $"{ownerFirst} Co", FirstName = ownerFirst, LastName = "Owner", Email = $"{ownerFirst.ToLowerInvariant()}@test.hesh",
                Password = SeedPassword, ConfirmPassword = SeedPassword,
            })).Value!;
            var users = s.GetRequiredService<UserManager<HeshUser>>();
            var created = new List<HeshUser>();
            foreach (var (first, last, admin, web) in people)
            {
                var email = $"{first.ToLowerInvariant()}@test.hesh";
                var user = new HeshUser
                {
                    UserName = email, Email = email, CompanyId = owner.CompanyId, FirstName = first, LastName = last, Status = UserStatus.Active, IsAdmin = admin,
                    WebAccess = web ?? AccessSet.Defaults(Platform.Web),
                };
                await users.CreateAsync(user, SeedPassword);
                created.Add(user);
            }
            return (owner, created.ToArray());
        });

    /// <summary>
    /// A user as an administrator (<paramref name="canManage"/>), the user themself (<paramref name="self"/>) or a holder
    /// of "Users permissions" sees them; what that viewer may do is asked of Core's rules, as the real query does.
    /// </summary>
    protected static UserDetails Details(UserStatus status = UserStatus.Active, bool self = false, bool canManage = true,
        string first = "Anna", string last = "Novak")
    {
        var company = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
        var target = new HeshUser { Id = "u-1", CompanyId = company, Status = status, FirstName = first, LastName = last, Email = "anna@test.hesh" };
        var viewerAccess = canManage ? AccessSet.Everything : AccessSet.Defaults(Platform.Web).With(PermissionKey.UsersPermissions, true);
        var viewer = new Actor(self ? "u-1" : "u-viewer", company, canManage, false, UserStatus.Active, viewerAccess, AccessSet.Defaults(Platform.Mobile));
        return new UserDetails("u-1", "anna@test.hesh", first, last, "+1 555 010 0102", "EMP-1", status, false, false, "User", null,
            DateTime.UtcNow, status == UserStatus.Pending ? DateTime.UtcNow.AddHours(20) : null, self, canManage)
        {
            Actions = UserAccess.ActionsOn(viewer, target),
        };
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { File.Delete(_dbFile); } catch (IOException) { }
    }

    private sealed class FakeLinks : IAppLinks
    {
        public string Invitation(string userId, string token) => $"http://test/Account/Invitation?userId={userId}&token={token}";
        public string PasswordReset(string email, string code) => $"http://test/Account/ResetPassword?email={email}&code={code}";
        public string SignIn() => "http://test/Account/Login";
        public string Security(string userId) => $"http://test/users/{userId}?tab=security";
        public string SignUpConfirmation(string token) => $"http://test/Account/SignUp/Confirm?token={token}";
    }
}
