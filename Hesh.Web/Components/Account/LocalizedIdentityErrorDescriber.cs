using Hesh.Core.Common.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Hesh.Web.Components.Account;

/// <summary>
/// Identity's own refusals (an email already taken, a wrong token, a password too short) in the reader's language
/// (Resources/Components/Account/LocalizedIdentityErrorDescriber.resx). The English is Identity's, word for word; the
/// codes stay Identity's, so code that tells errors apart by <see cref="IdentityError.Code"/> works unchanged.
/// Registered with <c>AddErrorDescriber&lt;LocalizedIdentityErrorDescriber&gt;()</c>.
/// </summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<LocalizedIdentityErrorDescriber> L) : IdentityErrorDescriber
{
    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), L[nameof(DefaultError)]);

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), L[nameof(ConcurrencyFailure)]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), L[nameof(PasswordMismatch)]);

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), L[nameof(InvalidToken)]);

    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), L[nameof(RecoveryCodeRedemptionFailed)]);

    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), L[nameof(LoginAlreadyAssociated)]);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), L[nameof(InvalidUserName), userName ?? ""]);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), L[nameof(InvalidEmail), email ?? ""]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), L[nameof(DuplicateUserName), userName]);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), L[nameof(DuplicateEmail), email]);

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), L[nameof(InvalidRoleName), role ?? ""]);

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), L[nameof(DuplicateRoleName), role]);

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), L[nameof(UserAlreadyHasPassword)]);

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), L[nameof(UserLockoutNotEnabled)]);

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), L[nameof(UserAlreadyInRole), role]);

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), L[nameof(UserNotInRole), role]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), L.Plural(nameof(PasswordTooShort), length));

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), L.Plural(nameof(PasswordRequiresUniqueChars), uniqueChars));

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), L[nameof(PasswordRequiresNonAlphanumeric)]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), L[nameof(PasswordRequiresDigit)]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), L[nameof(PasswordRequiresLower)]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), L[nameof(PasswordRequiresUpper)]);
}
