using System.Security.Claims;
using Hesh.Core.Sessions;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Hesh.Web.Components.Account;

/// <summary>Only Active users can sign in (PRODUCT §1); Pending and Inactive get "not allowed", which the page explains.</summary>
internal sealed partial class HeshSignInManager(
    UserManager<HeshUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<HeshUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<HeshUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<HeshUser> confirmation,
    SessionService sessions)
    : SignInManager<HeshUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>
    /// Every sign-in opens a server-side session the cookie names. Re-issuing the cookie for the same user (after
    /// their own password change) keeps the session and moves it to the new security stamp.
    /// </summary>
    public override async Task SignInWithClaimsAsync(HeshUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var current = SessionCookie.SessionOf(Context.User);
        string sessionId;
        if (current is not null && Context.User.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id)
        {
            sessionId = current;
            await sessions.RenewAsync(sessionId, user);
        }
        else
        {
            sessionId = await sessions.BeginAsync(user, Context.Request.Headers.UserAgent.ToString(), Context.Connection.RemoteIpAddress?.ToString());
        }
        await base.SignInWithClaimsAsync(user, authenticationProperties, [.. additionalClaims, new Claim(SessionCookie.ClaimType, sessionId)]);
    }

    public override async Task<bool> CanSignInAsync(HeshUser user) =>
        UserStatusRules.CanSignIn(user.Status) && await base.CanSignInAsync(user);

    public override async Task<HeshUser?> ValidateSecurityStampAsync(System.Security.Claims.ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { Status: UserStatus.Active } ? user : null;
    }
}
