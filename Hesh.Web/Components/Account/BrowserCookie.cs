using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using Hesh.Core.SignIns;

namespace Hesh.Web.Components.Account;

/// <summary>
/// A random id the browser keeps for 400 days (the longest a browser honours), set at sign-in when absent: how a
/// sign-in from a new browser is told from one from a known browser. Only its hash is stored; the id itself names no
/// person and grants nothing, so it is HttpOnly and Lax like the sign-in cookie, and Secure over https.
/// </summary>
public static class BrowserCookie
{
    public const string Name = "Hesh.Browser";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);
    private const int IdBytes = 32;

    /// <summary>The hash of this browser's id, or null when it has none (or a forged one of the wrong shape).</summary>
    public static string? HashOf(HttpContext context) =>
        IdOf(context) is { } id ? SignInClient.HashBrowserId(id) : null;

    /// <summary>The hash of this browser's id, giving it one first if it has none.</summary>
    public static string Ensure(HttpContext context)
    {
        if (IdOf(context) is { } id)
        {
            return SignInClient.HashBrowserId(id);
        }
        var fresh = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(IdBytes));
        context.Response.Cookies.Append(Name, fresh, new CookieOptions
        {
            HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = Lifetime, IsEssential = true,
        });
        return SignInClient.HashBrowserId(fresh);
    }

    /// <summary>Where an attempt in this request comes from; the client address is the one the forwarded headers left.</summary>
    public static SignInClient ClientOf(HttpContext context, string? browserId) =>
        new(AddressOf(context.Connection.RemoteIpAddress), context.Request.Headers.UserAgent.ToString(), browserId);

    private static string? IdOf(HttpContext context) =>
        context.Request.Cookies.TryGetValue(Name, out var id) && id.Length == 43 && Base64Url.IsValid(id) ? id : null;

    private static string? AddressOf(IPAddress? address) =>
        address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}

/// <summary>
/// The current request's client, for checks inside services (re-entered passwords). Inside a circuit this is the
/// circuit's own connection; where there is none, or it is already gone, the client is unknown.
/// </summary>
internal sealed class HttpCurrentClient(IHttpContextAccessor accessor) : ICurrentClient
{
    public SignInClient Get()
    {
        try
        {
            return accessor.HttpContext is { } context ? BrowserCookie.ClientOf(context, BrowserCookie.HashOf(context)) : SignInClient.Unknown;
        }
        catch (ObjectDisposedException)
        {
            return SignInClient.Unknown;
        }
    }
}
