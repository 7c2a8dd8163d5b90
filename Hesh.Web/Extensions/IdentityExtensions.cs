using Hesh.Core.Data;
using Hesh.Core.Users;
using Hesh.Web.Components.Account;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;

public static class IdentityExtensions
{
    public static IServiceCollection AddHeshIdentity(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<SignInLanding>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.LogoutPath = "/Account/Logout";
            cookie.AccessDeniedPath = "/no-access";
            cookie.Cookie.Name = "Hesh.Auth";
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = Hesh.Core.Sessions.SessionService.IdleLimit;
            // Hub clients get a status code, not a redirect to a sign-in page they cannot show.
            cookie.Events.OnRedirectToLogin = context => RejectHubsOr(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => RejectHubsOr(context, StatusCodes.Status403Forbidden);
            // Identity's security-stamp check first, then the server-side session the cookie names.
            var checkStamp = cookie.Events.OnValidatePrincipal;
            cookie.Events.OnValidatePrincipal = async context =>
            {
                if (!IsLongLived(context.Request))
                {
                    await checkStamp(context);
                    await SessionCookie.ValidateAsync(context);
                    return;
                }
                // A live connection's request lasts as long as its tab, and so would the DbContext, user manager and
                // sign-in manager the checks resolve from its services: they get a scope of their own instead.
                var requestServices = context.HttpContext.RequestServices;
                await using var scope = requestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                context.HttpContext.RequestServices = scope.ServiceProvider;
                try
                {
                    await checkStamp(context);
                    await SessionCookie.ValidateAsync(context);
                }
                finally
                {
                    context.HttpContext.RequestServices = requestServices;
                }
            };
        });
        // "Remember this browser for 30 days" after an authenticator code.
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o =>
        {
            o.ExpireTimeSpan = TimeSpan.FromDays(30);
            o.Cookie.Name = "Hesh.TwoFactorBrowser";
        });
        // Check the security stamp on every request: a password set by an admin or an inactivation ends sessions at once.
        // The refreshed principal keeps naming the same session.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            o.OnRefreshingPrincipal = context =>
            {
                if (SessionCookie.SessionOf(context.CurrentPrincipal) is { } session && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                {
                    identity.AddClaim(new System.Security.Claims.Claim(SessionCookie.ClaimType, session));
                }
                return Task.CompletedTask;
            };
        });

        services.AddIdentityCore<HeshUser>(AccountPolicy.Apply)
            .AddHeshPasswordRules()
            .AddEntityFrameworkStores<HeshDbContext>()
            .AddSignInManager<HeshSignInManager>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<Hesh.Core.TwoFactor.OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));
        services.AddSingleton<IEmailSender<HeshUser>, IdentityEmailSender>();
        services.AddHeshPasskeys();
        services.AddSingleton<SignInPacing>();
        services.AddSingleton<UnknownEmailThrottle>();
        return services;
    }

    /// <summary>A circuit's connection (/_blazor) or a hub client's (/hubs/…): open for as long as the tab or the app.</summary>
    private static bool IsLongLived(HttpRequest request) =>
        request.Path.StartsWithSegments("/_blazor") || request.Path.StartsWithSegments("/hubs");

    private static Task RejectHubsOr(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
