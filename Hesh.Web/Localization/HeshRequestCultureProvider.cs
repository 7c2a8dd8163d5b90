using Hesh.Core.Preferences;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace Hesh.Web.Localization;

/// <summary>
/// A signed-in person's language: their own choice, else their company's default, else the browser's
/// (Accept-Language), else English — <see cref="Languages.Resolve"/>, from the request's one preferences query.
/// Signed out it answers nothing, so the culture cookie and then Accept-Language decide. A signed-in page load leaves
/// the resolved language in that cookie, so the sign-in page after signing out still speaks the person's language.
/// A Blazor circuit keeps the culture of the request that opened it: a change of language shows after a reload.
/// </summary>
public sealed class HeshRequestCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        if (httpContext.User.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        var stored = await Hesh.Web.Preferences.RequestPreferences.GetAsync(httpContext);
        if (stored is null)
        {
            return null;
        }
        var code = Languages.Resolve(stored.Language, stored.CompanyLanguage, Browser(httpContext));
        Remember(httpContext, code);
        return new ProviderCultureResult(code);
    }

    private static void Remember(HttpContext httpContext, string code)
    {
        var value = CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(code));
        if (httpContext.Response.HasStarted || httpContext.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName] == value)
        {
            return;
        }
        httpContext.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, value, new CookieOptions
        {
            // Not a secret, but no script needs it; it outlives the sign-in so the signed-out pages keep the language.
            HttpOnly = true,
            Secure = httpContext.Request.IsHttps,
            SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax,
            IsEssential = true,
            Expires = DateTimeOffset.UtcNow.AddYears(1),
        });
    }

    /// <summary>The first supported language of Accept-Language, by quality; a malformed header reads as none.</summary>
    private static string? Browser(HttpContext httpContext)
    {
        if (!StringWithQualityHeaderValue.TryParseList(httpContext.Request.Headers.AcceptLanguage, out var languages))
        {
            return null;
        }
        return languages.OrderByDescending(l => l.Quality ?? 1)
            .Select(l => Languages.Normalize(l.Value.Value))
            .FirstOrDefault(code => code is not null);
    }
}
