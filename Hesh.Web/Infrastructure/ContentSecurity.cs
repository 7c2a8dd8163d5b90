using System.Security.Cryptography;

namespace Hesh.Web.Infrastructure;

/// <summary>
/// The Content-Security-Policy. Scripts: our own files only, plus the one inline script Blazor writes (the import
/// map), which carries this response's nonce — an injected script runs nowhere. Styles allow inline because
/// MudBlazor sets style attributes and writes its theme as a style element; styles cannot run code.
/// </summary>
public static class ContentSecurity
{
    private const string NonceKey = "hesh:csp-nonce";

    public static string NewNonce(HttpContext context)
    {
        // Hex: within the nonce grammar, and nothing in it that HTML attribute encoding would rewrite.
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    /// <summary>The nonce of the response being rendered, for the inline scripts we write ourselves.</summary>
    public static string? NonceOf(HttpContext? context) => context?.Items[NonceKey] as string;

    public static string PolicyFor(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
}
