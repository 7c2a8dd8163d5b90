using System.Security.Claims;
using Hesh.Core.Data;
using Hesh.Core.Preferences;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Hesh.Web.Localization;

/// <summary>
/// A signed-in person's language: their own choice, else their company's default, else the browser's
/// (Accept-Language), else English — <see cref="Languages.Resolve"/>, with one query for the two stored codes.
/// Signed out it answers nothing, so the culture cookie and then Accept-Language decide. A Blazor circuit keeps the
/// culture of the request that opened it: a change of language shows after a reload.
/// </summary>
public sealed class HeshRequestCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var userId = httpContext.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (httpContext.User.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(userId))
        {
            return null;
        }
        var db = httpContext.RequestServices.GetRequiredService<HeshDbContext>();
        var stored = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Language, Company = db.Companies.Where(c => c.Id == u.CompanyId).Select(c => c.DefaultLanguage).FirstOrDefault() })
            .FirstOrDefaultAsync(httpContext.RequestAborted);
        var code = Languages.Resolve(stored?.Language, stored?.Company, Browser(httpContext));
        return new ProviderCultureResult(code);
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
