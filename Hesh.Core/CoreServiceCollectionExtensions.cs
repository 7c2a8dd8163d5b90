using Hesh.Core.AccessByPermission;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Core.Positions;
using Hesh.Core.Data;
using Hesh.Core.Demo;
using Hesh.Core.Email;
using Hesh.Core.Users;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

#pragma warning disable IDE0130 // registration extensions live beside IServiceCollection, as the template does
namespace Microsoft.Extensions.DependencyInjection;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Access changes, one path: audit entries carry their announcement, <see cref="AccessAnnouncer"/> publishes it
    /// after commit, <see cref="AccessNotifier"/> drops the cached access and hands it to the subscriptions of the
    /// users it concerns. One node by default; the live layer replaces <see cref="IAccessChanges"/> to reach others.
    /// </summary>
    private static void AddHeshAccessChanges(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AccessAnnouncerOptions>(configuration.GetSection("Hesh:Live:Announcements"));
        services.AddSingleton<AccessAnnouncer>();
        services.AddSingleton<AccessNotifier>();
        services.TryAddSingleton<IAccessChanges, InProcessAccessChanges>();
        services.AddMemoryCache();
        services.AddSingleton<ActorCache>();
        services.TryAddSingleton<Hesh.Core.Common.Telemetry.HeshMetrics>();
    }

    /// <summary>Access requests; their expiry is one piece of work of the expiry loop.</summary>
    private static void AddHeshAccessRequests(this IServiceCollection services)
    {
        services.AddScoped<Hesh.Core.AccessRequests.AccessRequestService>();
        services.AddScoped<Hesh.Core.Grants.IExpiringWork, Hesh.Core.AccessRequests.AccessRequestExpiry>();
    }

    /// <summary>
    /// Webhooks: the outbox interceptor (on the DbContext above), the service the Company profile calls and the
    /// dispatcher; the web host supplies the secret protector, the HTTP sender and the loop that runs the dispatcher.
    /// </summary>
    private static void AddHeshWebhooksCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<Hesh.Core.Webhooks.WebhookOptions>(configuration.GetSection("Hesh:Webhooks"));
        services.AddSingleton<Hesh.Core.Webhooks.WebhookSignal>();
        services.AddSingleton<Hesh.Core.Webhooks.WebhookOutbox>();
        services.AddSingleton<Hesh.Core.Webhooks.WebhookDispatcher>();
        services.AddScoped<Hesh.Core.Webhooks.WebhookService>();
        services.AddSingleton<Hesh.Core.Grants.IExpiringWork, Hesh.Core.Webhooks.WebhookRetention>();
    }

    /// <summary>The domain, its services and persistence on SQLite.</summary>
    /// <param name="contentRoot">Relative paths (the SQLite file, the mail pickup folder) are taken from here, not from the working directory.</param>
    public static IServiceCollection AddHeshCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        if (string.Equals(configuration["Hesh:Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            var postgres = configuration.GetConnectionString("Hesh") ?? throw new InvalidOperationException("ConnectionStrings:Hesh is required for PostgreSQL.");
            services.AddDbContext<HeshDbContext, PostgresHeshDbContext>((sp, options) => options.UseNpgsql(postgres).AddInterceptors(sp.GetRequiredService<AccessAnnouncer>(), sp.GetRequiredService<Hesh.Core.Webhooks.WebhookOutbox>()));
        }
        else
        {
            var sqlite = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Hesh") ?? "Data Source=App_Data/hesh.db");
            if (sqlite.DataSource is { Length: > 0 } file && file != ":memory:" && sqlite.Mode != SqliteOpenMode.Memory)
            {
                sqlite.DataSource = Path.GetFullPath(file, contentRoot);
            }
            services.AddDbContext<HeshDbContext>((sp, options) => options.UseSqlite(sqlite.ToString()).AddInterceptors(sp.GetRequiredService<AccessAnnouncer>(), sp.GetRequiredService<Hesh.Core.Webhooks.WebhookOutbox>()));
        }
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<CurrentActorLoader>();
        services.AddScoped<UserQueries>();
        services.AddScoped<AccountWork>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<Hesh.Core.Users.Onboarding.UserBatch>();
        services.AddScoped<Hesh.Core.Users.Import.UserImport>();
        services.AddSingleton<Hesh.Core.Users.Import.ImportReports>();
        services.AddScoped<MyAccountService>();
        services.AddScoped<AccountFlows>();
        services.AddScoped<SignUpService>();
        services.AddScoped<Hesh.Core.Users.Passwords.PasswordContexts>();
        services.AddScoped<SignUpRequests>();
        services.AddSingleton<PasswordWork>();
        services.AddScoped<DemoData>();
        services.AddScoped<UserPermissionService>();
        services.AddScoped<Hesh.Core.Grants.GrantSources>();
        services.AddScoped<Hesh.Core.Grants.TemporaryAccessService>();
        services.AddScoped<Hesh.Core.Grants.IExpiringWork, Hesh.Core.Grants.GrantExpiry>();
        services.AddScoped<OwnershipService>();
        services.AddScoped<AccessPlanService>();
        services.TryAddSingleton<ILivePresence, NoLivePresence>();
        services.AddScoped<Hesh.Core.Sessions.SessionService>();
        services.AddScoped<Hesh.Core.SignIns.SignInHistory>();
        services.TryAddScoped<Hesh.Core.SignIns.ICurrentClient, Hesh.Core.SignIns.UnknownClient>();
        services.AddScoped<CompanyService>();
        services.AddScoped<Hesh.Core.Preferences.PreferenceService>();
        services.AddScoped<Hesh.Core.Preferences.ViewerPreferenceQuery>();
        services.AddScoped<Hesh.Core.TwoFactor.TwoFactorService>();
        services.AddScoped<Hesh.Core.TwoFactor.SecurityPolicyService>();
        services.AddScoped<PositionService>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<Hesh.Core.TwoFactor.PasskeyService>();
        services.AddScoped<Hesh.Core.DayOffs.DayOffService>();
        services.AddScoped<Hesh.Core.Products.ProductService>();
        services.AddScoped<Hesh.Core.Productions.ProductionService>();
        services.AddScoped<Hesh.Core.Productions.TaskService>();
        services.AddScoped<Hesh.Core.Productions.TaskQueries>();
        services.AddScoped<Hesh.Core.Analytics.AnalyticsService>();
        services.AddScoped<InvitationGreetings>();
        services.AddScoped<Hesh.Core.Overview.OverviewService>();
        services.AddScoped<Hesh.Core.Overview.IdentityImages>();
        services.TryAddSingleton<Hesh.Core.Overview.IOnlinePeople, Hesh.Core.Overview.NoOnlinePeople>();
        services.AddScoped<Hesh.Core.ApiKeys.ApiKeyService>();
        services.AddScoped<Hesh.Core.ApiKeys.ApiKeyVerifier>();
        services.AddScoped<Hesh.Core.PublicApi.PublicUsers>();
        services.AddHeshAccessRequests();
        services.AddHeshAccessChanges(configuration);
        services.AddHeshWebhooksCore(configuration);
        services.AddHeshAccessByPermission();

        var email = configuration.GetSection("Hesh:Email");
        services.Configure<EmailOptions>(email);
        services.PostConfigure<EmailOptions>(o => o.PickupDirectory = Path.GetFullPath(o.PickupDirectory, contentRoot));
        if (email.GetSection("Smtp").Exists() && !string.IsNullOrEmpty(email["Smtp:Host"]))
        {
            services.AddSingleton<SmtpMailer>();
            services.AddSingleton(sp => new OutboxMailer(sp.GetRequiredService<SmtpMailer>(), sp.GetRequiredService<ILogger<OutboxMailer>>()));
        }
        else
        {
            services.AddSingleton<PickupFolderMailer>();
            services.AddSingleton(sp => new OutboxMailer(sp.GetRequiredService<PickupFolderMailer>(), sp.GetRequiredService<ILogger<OutboxMailer>>()));
        }
        services.AddSingleton<IMailer>(sp => sp.GetRequiredService<OutboxMailer>());
        return services;
    }
}
