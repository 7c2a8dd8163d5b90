namespace Hesh.Web.Live;

/// <summary>
/// The origins Hesh's own pages are served from: Hesh:PublicUrl plus Hesh:AllowedOrigins, or, without a public URL,
/// the origin the request itself names (scheme and Host). A browser sends its page's origin with every WebSocket and
/// cross-site request; comparing it is what stops another site from opening a live connection with the user's cookie.
/// </summary>
public sealed class OwnOrigins
{
    private readonly string? _public;
    private readonly HashSet<string> _allowed;

    public OwnOrigins(IConfiguration configuration)
    {
        _public = Normalize(configuration["Hesh:PublicUrl"]);
        _allowed = (configuration.GetSection("Hesh:AllowedOrigins").Get<string[]>() ?? [])
            .Select(Normalize).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (_public is not null)
        {
            _allowed.Add(_public);
        }
    }

    public bool Allows(string origin, HttpRequest request)
    {
        if (Normalize(origin) is not { } normalized)
        {
            return false;   // "null" (sandboxed frames, file:) and anything that is not an http(s) origin
        }
        return _allowed.Contains(normalized)
            || _public is null && normalized == Normalize($"{request.Scheme}://{request.Host.Value}");
    }

    /// <summary><c>scheme://host[:port]</c> in lower case, the default port left out; null when not an absolute http(s) address.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }
        return uri.IsDefaultPort ? $"{uri.Scheme}://{uri.IdnHost}" : $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";
    }
}
