using Hesh.Core.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Hesh.Web.Components.Account;

/// <summary>
/// The two endpoints the passkey-submit element fetches WebAuthn options from (the template's). Identity keeps the
/// ceremony's challenge in its own protected cookie until the page's form post completes it.
/// </summary>
internal static class PasskeyEndpoints
{
    public static void MapHeshPasskeyEndpoints(this RouteGroupBuilder account)
    {
        // Adding a passkey: only the signed-in user, for themself, after re-entering their password on Account/AddPasskey.
        account.MapPost("/PasskeyCreationOptions", async (
            HttpContext context,
            [FromServices] UserManager<HeshUser> users,
            [FromServices] SignInManager<HeshUser> signIn,
            [FromServices] IAntiforgery antiforgery,
            [FromServices] PasskeyConfirmation confirmation) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            if (await users.GetUserAsync(context.User) is not { Status: UserStatus.Active } user)
            {
                return Results.Unauthorized();
            }
            if (!confirmation.IsGranted(context, user.Id))
            {
                return Results.Text(PasskeyMessages.ConfirmFirst, statusCode: StatusCodes.Status403Forbidden);
            }
            var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
            {
                Id = user.Id, Name = user.Email ?? user.Id, DisplayName = user.FullName,
            });
            return Results.Content(options, "application/json");
        }).RequireAuthorization();

        // Signing in: anyone. No user name is taken, so the options list no credentials and reveal no account.
        account.MapPost("/PasskeyRequestOptions", async (
            HttpContext context,
            [FromServices] SignInManager<HeshUser> signIn,
            [FromServices] IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            return Results.Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");
        });
    }

    /// <summary>
    /// The relying party is Hesh:PublicUrl's host when set (behind a proxy the request's host may be an internal name),
    /// otherwise the request's host, which is what Identity uses when no domain is given. Every passkey is discoverable
    /// (resident), so signing in needs no email first. Browsers refuse an IP address as relying party: use a name.
    /// </summary>
    public static IServiceCollection AddHeshPasskeys(this IServiceCollection services)
    {
        services.AddOptions<IdentityPasskeyOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            if (Uri.TryCreate(configuration["Hesh:PublicUrl"], UriKind.Absolute, out var publicUrl))
            {
                options.ServerDomain = publicUrl.Host;
            }
            options.ResidentKeyRequirement = "required";
            options.UserVerificationRequirement = "required";
        });
        services.AddScoped<PasskeyConfirmation>();
        services.AddScoped<PasskeySignIn>();
        return services;
    }
}
