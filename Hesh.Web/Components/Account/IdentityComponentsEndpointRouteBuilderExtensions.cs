using Hesh.Core.Users;
using Hesh.Web.Components.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.AspNetCore.Routing;

internal static class IdentityComponentsEndpointRouteBuilderExtensions
{
    public static IEndpointConventionBuilder MapHeshAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var accountGroup = endpoints.MapGroup("/Account");

        // Binding a [FromForm] value makes the endpoint demand a valid antiforgery token.
        accountGroup.MapPost("/Logout", async (
            [FromForm] string? returnUrl,
            [FromServices] SignInManager<HeshUser> signInManager,
            [FromServices] ILoggerFactory loggers,
            HttpContext context) =>
        {
            var userId = signInManager.UserManager.GetUserId(context.User);
            await context.RequestServices.GetRequiredService<Hesh.Core.Sessions.SessionService>()
                .EndCurrentAsync(Hesh.Web.Components.Account.SessionCookie.SessionOf(context.User), userId);
            await signInManager.SignOutAsync();
            loggers.CreateLogger("Hesh.Account").LogInformation("User {UserId} signed out", userId);
            return TypedResults.LocalRedirect("~/Account/Login");
        });

        accountGroup.MapHeshPasskeyEndpoints();
        return accountGroup;
    }
}
