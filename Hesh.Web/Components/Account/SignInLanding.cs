using Hesh.Core.TwoFactor;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace Hesh.Web.Components.Account;

/// <summary>
/// Where a password sign-in lands: the page asked for, unless the company requires a second factor this person has
/// not set up — then the set-up page first (with the days left, or with no way on once the grace period is over).
/// </summary>
internal sealed class SignInLanding(UserManager<HeshUser> users, TwoFactorService twoFactor, IdentityRedirectManager redirect)
{
    public async Task RedirectAfterSignInAsync(string email, string? returnUrl)
    {
        if (await users.FindByEmailAsync(email) is { } user && (await twoFactor.RequirementOfAsync(user)).MustSetUp)
        {
            redirect.RedirectTo($"Account/TwoFactor/Required?returnUrl={Uri.EscapeDataString(returnUrl ?? "")}");
        }
        redirect.RedirectTo(returnUrl);
    }
}
