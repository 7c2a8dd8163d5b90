using Hesh.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Hesh.Web.Components.Account;

/// <summary>Only Active users can sign in (PRODUCT §1); Pending and Inactive get "not allowed", which the page explains.</summary>
internal sealed class HeshSignInManager(
    UserManager<HeshUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<HeshUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<HeshUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<HeshUser> confirmation)
    : SignInManager<HeshUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(HeshUser user) =>
        UserStatusRules.CanSignIn(user.Status) && await base.CanSignInAsync(user);

    public override async Task<HeshUser?> ValidateSecurityStampAsync(System.Security.Claims.ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { Status: UserStatus.Active } ? user : null;
    }
}
