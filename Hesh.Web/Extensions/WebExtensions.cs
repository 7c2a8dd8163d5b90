using Microsoft.EntityFrameworkCore;
using Hesh.Core.Common;
using Hesh.Core.Data;
using Hesh.Core.Demo;
using Hesh.Web.Infrastructure;
using MudBlazor.Services;
using Serilog;

#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;

public static class WebExtensions
{
    public static IServiceCollection AddHeshWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(config =>
        {
            // Bottom right, out of the way of the tabs, toolbars and dialog buttons at the top and centre; on a
            // phone MudBlazor spreads it along the bottom edge. Three at most: a fourth pushes the oldest out.
            var snackbars = config.SnackbarConfiguration;
            snackbars.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            snackbars.MaxDisplayedSnackbars = 3;
            snackbars.NewestOnTop = false;
            snackbars.PreventDuplicates = true;
            snackbars.ShowCloseIcon = true;
            snackbars.VisibleStateDuration = 5000;
            snackbars.ShowTransitionDuration = 200;
            snackbars.HideTransitionDuration = 200;
        });
        services.AddSingleton<Hesh.Core.Overview.IOnlinePeople, Hesh.Web.Live.OnlinePeople>();
        services.AddScoped<IAppLinks, AppLinks>();
        services.AddSingleton<Hesh.Core.Companies.ISignUpSeal, SignUpSeal>();
        services.AddScoped<ServerCalls>();
        services.AddScoped<LinkBase>();
        services.AddDatabaseDeveloperPageExceptionFilter();
        return services;
    }

    public static WebApplication UseHeshPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Environment.IsDevelopment())
        {
            app.UseMigrationsEndPoint();
        }
        else
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseSerilogRequestLogging();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Creates or migrates the database; in Development only, seeds the demo company.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeshDbContext>();
        var source = db.Database.GetDbConnection().DataSource;
        if (!string.IsNullOrEmpty(source) && Path.GetDirectoryName(Path.GetFullPath(source)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
        await db.Database.MigrateAsync();
        if (!app.Environment.IsDevelopment() && string.IsNullOrEmpty(app.Configuration["Hesh:PublicUrl"]))
        {
            app.Logger.LogWarning("Hesh:PublicUrl is not set: links in emails will use the address this server listens on");
        }
        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Hesh:SeedDemo", true))
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync();
            app.Logger.LogInformation(
                "Demo company {CompanyName}: sign in as owner@demo.hesh, admin@demo.hesh or anna@demo.hesh with password {DemoPassword}",
                DemoData.CompanyName, DemoData.Password);
        }
    }
}
