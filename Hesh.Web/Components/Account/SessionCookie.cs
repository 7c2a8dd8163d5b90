using System.Security.Claims;
using Hesh.Core.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Hesh.Web.Components.Account;

/// <summary>
/// The sign-in cookie names its server-side session (<see cref="SessionService"/>): each request checks it is still
/// open, so a signed-out or remotely ended session stops working at once, even from a copied cookie.
/// </summary>
public static class SessionCookie
{
    public const string ClaimType = "hesh:sid";
    private const string MustChangePasswordKey = "hesh:must-change-password";
    private const string MustSetUpTwoFactorKey = "hesh:must-set-up-two-factor";

    public static string? SessionOf(ClaimsPrincipal? user) => user?.FindFirstValue(ClaimType);

    /// <summary>Runs after the security-stamp check on every request that carries the cookie.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.Identity?.IsAuthenticated != true)
        {
            return;
        }
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionService>();
        var check = await sessions.CheckAsync(SessionOf(context.Principal), context.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        if (!check.Open)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
            return;
        }
        if (check.MustChangePassword)
        {
            context.HttpContext.Items[MustChangePasswordKey] = true;
        }
        if (check.MustSetUpTwoFactor)
        {
            context.HttpContext.Items[MustSetUpTwoFactorKey] = true;
        }
    }

    /// <summary>
    /// A user who must choose a new password sees nothing else until they have; one whose company requires a second
    /// factor they have not set up in the grace period sees only the set-up pages.
    /// </summary>
    public static WebApplication UseHeshPasswordChangeGate(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            var gated = HttpMethods.IsGet(context.Request.Method)
                && !path.StartsWithSegments("/Account") && !path.StartsWithSegments("/_framework") && !path.StartsWithSegments("/_content")
                && !path.StartsWithSegments("/_blazor") && !path.StartsWithSegments("/hubs") && !path.StartsWithSegments("/healthz")
                && (!Path.HasExtension(path.Value) || RequiresSignIn(context));
            var back = Uri.EscapeDataString(path + context.Request.QueryString);
            if (gated && context.Items.ContainsKey(MustChangePasswordKey))
            {
                context.Response.Redirect($"/Account/ChangePassword?required=true&returnUrl={back}");
                return;
            }
            if (gated && context.Items.ContainsKey(MustSetUpTwoFactorKey))
            {
                context.Response.Redirect($"/Account/TwoFactor/Required?returnUrl={back}");
                return;
            }
            await next();
        });
        return app;
    }

    /// <summary>
    /// A path with an extension is let through only as a static file: an endpoint that needs a signed-in user (a file
    /// download such as the permission history CSV) is data like any page, so it waits for the new password too.
    /// </summary>
    private static bool RequiresSignIn(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is not null;
}
