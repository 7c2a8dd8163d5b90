using Microsoft.AspNetCore.DataProtection;

namespace Hesh.Web.Components.Account;

/// <summary>
/// Carries freshly made recovery codes across the redirect that follows a change of the security stamp: the cookie
/// re-issue must happen before the page renders, so the codes are shown by the next request. Encrypted, HttpOnly,
/// five minutes, and deleted as soon as it is read — the codes are shown once.
/// </summary>
public static class RecoveryCodeHandoff
{
    private const string CookieName = "Hesh.RecoveryCodes";
    private const string Purpose = "Hesh.RecoveryCodes.v1";

    public static void Put(HttpContext context, IReadOnlyList<string> codes)
    {
        var protector = context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose, context.User.Identity?.Name ?? "");
        context.Response.Cookies.Append(CookieName, protector.Protect(string.Join(' ', codes)), new CookieOptions
        {
            HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Strict, IsEssential = true,
            MaxAge = TimeSpan.FromMinutes(5), Path = "/Account/TwoFactor",
        });
    }

    public static IReadOnlyList<string>? Take(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } value)
        {
            return null;
        }
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/Account/TwoFactor" });
        try
        {
            var protector = context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose, context.User.Identity?.Name ?? "");
            return protector.Unprotect(value).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
