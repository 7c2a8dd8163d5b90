using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace Hesh.Web.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri)
    {
        navigationManager.NavigateTo(LocalOnly(uri, navigationManager.BaseUri));
    }

    /// <summary>
    /// Only paths of this site are followed. An absolute URL of this site is reduced to its path first; whatever is
    /// left must be a plain relative path: no scheme, no "//host" or "\\host" that a browser would read as another site.
    /// </summary>
    public static string LocalOnly(string? uri, string baseUri)
    {
        uri = (uri ?? "").Trim();
        if (Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            if (!uri.StartsWith(baseUri, StringComparison.OrdinalIgnoreCase))
            {
                return "";
            }
            uri = uri[baseUri.Length..];
        }
        var path = uri.Replace('\\', '/');
        var beforeQuery = path.Split('?', '#')[0];
        var unsafePath = path.StartsWith("//", StringComparison.Ordinal) || beforeQuery.Contains(':', StringComparison.Ordinal)
            || path.Any(char.IsControl);
        return unsafePath || !Uri.IsWellFormedUriString(uri, UriKind.Relative) ? "" : uri;
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);
}
