using Hesh.Core.Common.Localization;
using Microsoft.Extensions.Localization;

namespace Hesh.Web.Components.Account;

/// <summary>
/// The sign-in pages' own validation messages, for DataAnnotations' <c>ErrorMessageResourceType</c>: each property is
/// read when a field is validated, so the message is in the reader's language
/// (Resources/Components/Account/AccountValidation.resx).
/// </summary>
public static class AccountValidation
{
    private static IStringLocalizer Texts => CoreTexts.For(typeof(AccountValidation));

    public static string EmailRequired => Texts[nameof(EmailRequired)];
    public static string EmailInvalid => Texts[nameof(EmailInvalid)];
    public static string PasswordRequired => Texts[nameof(PasswordRequired)];
    public static string PasswordEnter => Texts[nameof(PasswordEnter)];
    public static string AuthenticatorCodeRequired => Texts[nameof(AuthenticatorCodeRequired)];
    public static string AuthenticatorCodeDigits => Texts[nameof(AuthenticatorCodeDigits)];
    public static string AuthenticatorSetupCodeRequired => Texts[nameof(AuthenticatorSetupCodeRequired)];
    public static string RecoveryCodeRequired => Texts[nameof(RecoveryCodeRequired)];
    public static string RecoveryCodeTooLong => Texts[nameof(RecoveryCodeTooLong)];
}
