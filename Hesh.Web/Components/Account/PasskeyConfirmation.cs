using Microsoft.AspNetCore.DataProtection;

namespace Hesh.Web.Components.Account;

/// <summary>
/// "You re-entered your password a moment ago", for adding a passkey: a passkey is a way in that outlives a password
/// reset, so someone at a signed-in browser left open must not be able to plant their own. The proof is a short-lived
/// protected cookie bound to the user and to this session; it allows one passkey and is spent by adding it.
/// </summary>
internal sealed class PasskeyConfirmation(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private const string CookieName = "Hesh.PasskeyConfirmed";

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Hesh.PasskeyConfirmation").ToTimeLimitedDataProtector();

    public void Grant(HttpContext context, string userId)
    {
        var proof = Protector.Protect(Subject(context, userId), clock.GetUtcNow() + Lifetime);
        context.Response.Cookies.Append(CookieName, proof, new CookieOptions
        {
            HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Strict, Path = "/Account", MaxAge = Lifetime, IsEssential = true,
        });
    }

    public bool IsGranted(HttpContext context, string userId)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var proof) || string.IsNullOrEmpty(proof))
        {
            return false;
        }
        try
        {
            return Protector.Unprotect(proof, out var expires) == Subject(context, userId) && expires > clock.GetUtcNow();
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    public void Spend(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/Account" });

    private static string Subject(HttpContext context, string userId) => $"{userId}|{SessionCookie.SessionOf(context.User)}";
}
