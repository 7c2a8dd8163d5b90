using System.ComponentModel.DataAnnotations;
using Hesh.Core.Companies;
using Hesh.Core.Users.Passwords;

namespace Hesh.Core.Users;

/// <summary>The person fields shared by sign-up, invitation and the Edit pop-up.</summary>
public abstract class PersonInput
{
    [Required(ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.FirstNameIsRequired))]
    [StringLength(HeshUser.NameMaxLength, ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.FirstNameMustBeAtMost1Characters))]
    [PersonName]
    [Display(Name = nameof(UserInputTexts.FirstName), ResourceType = typeof(UserInputTexts))]
    public string FirstName { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.LastNameIsRequired))]
    [StringLength(HeshUser.NameMaxLength, ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.LastNameMustBeAtMost1Characters))]
    [PersonName]
    [Display(Name = nameof(UserInputTexts.LastName), ResourceType = typeof(UserInputTexts))]
    public string LastName { get; set; } = "";
}

public sealed class EditProfileInput : PersonInput
{
    [StringLength(HeshUser.PhoneMaxLength, ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.PhoneNumberMustBeAtMost1Characters))]
    [PhoneNumber]
    [Display(Name = nameof(UserInputTexts.PhoneNumber), ResourceType = typeof(UserInputTexts))]
    public string? Phone { get; set; }

    [StringLength(HeshUser.ExternalIdMaxLength, ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.ExternalIdMustBeAtMost1Characters))]
    [ExternalId]
    [Display(Name = nameof(UserInputTexts.ExternalId), ResourceType = typeof(UserInputTexts))]
    public string? ExternalId { get; set; }
}

public sealed class InviteUserInput : PersonInput
{
    [Required(ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.EmailIsRequired))]
    [StringLength(HeshUser.EmailMaxLength, ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.EmailMustBeAtMost1Characters))]
    [EmailAddress(ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.EnterAValidEmailAddressSuchAsNameExampleCom))]
    public string Email { get; set; } = "";

    [StringLength(HeshUser.PhoneMaxLength, ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.PhoneNumberMustBeAtMost1Characters))]
    [PhoneNumber]
    [Display(Name = nameof(UserInputTexts.PhoneNumber), ResourceType = typeof(UserInputTexts))]
    public string? Phone { get; set; }

    [StringLength(HeshUser.ExternalIdMaxLength, ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.ExternalIdMustBeAtMost1Characters))]
    [ExternalId]
    [Display(Name = nameof(UserInputTexts.ExternalId), ResourceType = typeof(UserInputTexts))]
    public string? ExternalId { get; set; }

    public Guid? DepartmentId { get; set; }
    public Guid? PositionId { get; set; }
}

public sealed class SignUpInput : PersonInput
{
    [Required(ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.CompanyNameIsRequired))]
    [StringLength(Company.NameMaxLength, ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.CompanyNameMustBeAtMost1Characters))]
    [CompanyName]
    [Display(Name = nameof(UserInputTexts.CompanyName), ResourceType = typeof(UserInputTexts))]
    public string CompanyName { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.EmailIsRequired))]
    [StringLength(HeshUser.EmailMaxLength, ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.EmailMustBeAtMost1Characters))]
    [EmailAddress(ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.EnterAValidEmailAddressSuchAsNameExampleCom))]
    public string Email { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.PasswordIsRequired))]
    [StringLength(PasswordRules.MaxLength, ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.AtMost128Characters))]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.ConfirmThePassword))]
    [Compare(nameof(Password), ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.ThePasswordsDoNotMatch))]
    [DataType(DataType.Password)]
    [Display(Name = nameof(UserInputTexts.ConfirmPassword), ResourceType = typeof(UserInputTexts))]
    public string ConfirmPassword { get; set; } = "";

    /// <summary>The owner's browser zone, the company's first time zone; an unknown one becomes UTC, never a refusal.</summary>
    public string? TimeZone { get; set; }
}

/// <summary>A new password typed twice, for "Create new password" and the invitation page.</summary>
public sealed class NewPasswordInput
{
    [Required(ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.PasswordIsRequired))]
    [StringLength(PasswordRules.MaxLength, ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.AtMost128Characters))]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.ConfirmThePassword))]
    [Compare(nameof(Password), ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.ThePasswordsDoNotMatch))]
    [DataType(DataType.Password)]
    [Display(Name = nameof(UserInputTexts.ConfirmPassword), ResourceType = typeof(UserInputTexts))]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ChangeOwnPasswordInput
{
    [Required(ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.EnterYourCurrentPassword))]
    [DataType(DataType.Password)]
    [Display(Name = nameof(UserInputTexts.CurrentPassword), ResourceType = typeof(UserInputTexts))]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.PasswordIsRequired))]
    [StringLength(PasswordRules.MaxLength, ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.AtMost128Characters))]
    [DataType(DataType.Password)]
    [Display(Name = nameof(UserInputTexts.NewPassword), ResourceType = typeof(UserInputTexts))]
    public string Password { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.ConfirmThePassword))]
    [Compare(nameof(Password), ErrorMessageResourceType = typeof(UserInputTexts), ErrorMessageResourceName = nameof(UserInputTexts.ThePasswordsDoNotMatch))]
    [DataType(DataType.Password)]
    [Display(Name = nameof(UserInputTexts.ConfirmPassword), ResourceType = typeof(UserInputTexts))]
    public string ConfirmPassword { get; set; } = "";
}

/// <summary>
/// The validation messages and field names of these inputs in the reader's language. DataAnnotations reads them by
/// name each time it validates, so each reader gets their own.
/// </summary>
public static class UserInputTexts
{
    public static string FirstNameIsRequired => Messages.Say("First name is required.");
    public static string FirstNameMustBeAtMost1Characters => Messages.Say("First name must be at most {1} characters.");
    public static string LastNameIsRequired => Messages.Say("Last name is required.");
    public static string LastNameMustBeAtMost1Characters => Messages.Say("Last name must be at most {1} characters.");
    public static string PhoneNumberMustBeAtMost1Characters => Messages.Say("Phone number must be at most {1} characters.");
    public static string ExternalIdMustBeAtMost1Characters => Messages.Say("External id must be at most {1} characters.");
    public static string EmailIsRequired => Messages.Say("Email is required.");
    public static string EmailMustBeAtMost1Characters => Messages.Say("Email must be at most {1} characters.");
    public static string EnterAValidEmailAddressSuchAsNameExampleCom => Messages.Say("Enter a valid email address, such as name@example.com.");
    public static string CompanyNameIsRequired => Messages.Say("Company name is required.");
    public static string CompanyNameMustBeAtMost1Characters => Messages.Say("Company name must be at most {1} characters.");
    public static string PasswordIsRequired => Messages.Say("Password is required.");
    public static string ConfirmThePassword => Messages.Say("Confirm the password.");
    public static string ThePasswordsDoNotMatch => Messages.Say("The passwords do not match.");
    public static string EnterYourCurrentPassword => Messages.Say("Enter your current password.");
    public static string AtMost128Characters => Messages.Say("At most 128 characters.");
    public static string FirstName => Messages.Say("First name");
    public static string LastName => Messages.Say("Last name");
    public static string PhoneNumber => Messages.Say("Phone number");
    public static string ExternalId => Messages.Say("External id");
    public static string CompanyName => Messages.Say("Company name");
    public static string ConfirmPassword => Messages.Say("Confirm password");
    public static string CurrentPassword => Messages.Say("Current password");
    public static string NewPassword => Messages.Say("New password");
}
