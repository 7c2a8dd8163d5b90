using System.Text.Json;
using Hesh.Core.Common.Localization;
using Hesh.Core.TwoFactor;
using Microsoft.Extensions.Localization;

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

/// <summary>
/// The messages a person sees when a passkey could not be used, in the reader's language
/// (Resources/Components/Account/PasskeyMessages.resx); the element's error codes are mapped here. Properties, read
/// when the refusal is made, so each reader gets their own language.
/// </summary>
public static class PasskeyMessages
{
    private static IStringLocalizer Texts => CoreTexts.For(typeof(PasskeyMessages));

    public static string Unreadable => Texts["Unreadable"];
    public static string Expired => Texts["Expired"];
    public static string NotRegistered => Texts["NotRegistered"];
    public static string NotVerified => Texts["NotVerified"];
    public static string AlreadyRegistered => Texts["AlreadyRegistered"];
    public static string ConfirmAgain => Texts["ConfirmAgain"];
    /// <summary>The options endpoint's answer to a browser that has not re-entered the password.</summary>
    public static string ConfirmFirst => Texts["ConfirmFirst"];
    /// <summary>For a Pending account whose owner proved who they are (password or passkey).</summary>
    public static string Pending => Texts["Account.Pending"];
    /// <summary>For an Inactive account whose owner proved who they are (password or passkey).</summary>
    public static string Inactive => Texts["Account.Inactive"];

    /// <summary>The element's code for why the browser gave no passkey (see PasskeySubmit.razor.js).</summary>
    public static string ForBrowserError(string? code, PasskeyOperation operation) => (code, operation) switch
    {
        ("cancelled", PasskeyOperation.Request) => Texts["Browser.CancelledSignIn"],
        ("cancelled", _) => Texts["Browser.CancelledCreate"],
        ("exists", _) => Texts["Browser.Exists"],
        ("unsupported", PasskeyOperation.Request) => Texts["Browser.UnsupportedSignIn"],
        ("unsupported", _) => Texts["Browser.UnsupportedCreate"],
        ("confirm", _) => ConfirmAgain,
        ("security", _) => Texts["Browser.Security"],
        _ => operation == PasskeyOperation.Request ? Texts["Browser.OtherSignIn"] : Texts["Browser.OtherCreate"],
    };
}
