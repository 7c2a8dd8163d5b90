using System.Text.Json;
using Hesh.Core.TwoFactor;

namespace Hesh.Web.Components.Account;

/// <summary>What the passkey-submit element asks the browser for: a new passkey, or an existing one to sign in.</summary>
public enum PasskeyOperation
{
    Create,
    Request,
}

/// <summary>
/// What the passkey-submit element posts with its form: the credential JSON the browser produced, or, when it produced
/// none, an error code (never browser text: the page says it in its own words).
/// </summary>
public sealed class PasskeyInputModel
{
    /// <summary>A real credential is one or two kilobytes (more with an attestation certificate chain); anything far beyond is not one.</summary>
    public const int MaxCredentialJsonLength = 64 * 1024;

    public string? CredentialJson { get; set; }
    public string? Error { get; set; }

    public bool IsPresent => !string.IsNullOrEmpty(CredentialJson) || !string.IsNullOrEmpty(Error);

    public bool IsTooLarge => CredentialJson is { Length: > MaxCredentialJsonLength };

    /// <summary>The credential id the JSON claims (unverified: only to word a refusal), or null when it is no credential.</summary>
    public byte[]? ClaimedCredentialId()
    {
        if (string.IsNullOrEmpty(CredentialJson) || IsTooLarge)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(CredentialJson, new JsonDocumentOptions { MaxDepth = 16 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? PasskeyService.Decode(id.GetString())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The messages a person sees when a passkey could not be used; the element's error codes are mapped here.</summary>
public static class PasskeyMessages
{
    public const string Unreadable = "The browser sent a passkey Hesh cannot read. Try again.";
    public const string Expired = "The passkey request has expired. Try again.";
    public const string NotRegistered = "This passkey is not registered with Hesh. Sign in with your password, then add it on the Security tab of your profile.";
    public const string NotVerified = "This passkey could not be verified. Try again, or sign in with your password.";
    public const string AlreadyRegistered = "This passkey is already registered with Hesh.";
    public const string ConfirmAgain = "Confirm your password again to add a passkey.";

    /// <summary>The element's code for why the browser gave no passkey (see PasskeySubmit.razor.js).</summary>
    public static string ForBrowserError(string? code, PasskeyOperation operation) => (code, operation) switch
    {
        ("cancelled", PasskeyOperation.Request) => "Signing in with a passkey was cancelled or timed out. Try again, or sign in with your password.",
        ("cancelled", _) => "No passkey was created: the request was cancelled or timed out. Try again when you are ready.",
        ("exists", _) => "This device already holds a passkey for your account. Use it to sign in, or add a passkey on another device.",
        ("unsupported", PasskeyOperation.Request) => "This browser cannot use passkeys. Sign in with your password, or update your browser.",
        ("unsupported", _) => "This browser cannot create passkeys. Update it, or add a passkey from another device.",
        ("confirm", _) => ConfirmAgain,
        ("security", _) => "Passkeys work only at Hesh's own address (a name such as hesh.example.com, not an IP address).",
        _ => operation == PasskeyOperation.Request
            ? "The browser could not use a passkey. Try again, or sign in with your password."
            : "The browser could not create a passkey. Try again.",
    };
}
