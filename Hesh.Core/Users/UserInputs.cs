using System.ComponentModel.DataAnnotations;
using Hesh.Core.Companies;
using Hesh.Core.Users.Passwords;

namespace Hesh.Core.Users;

/// <summary>The person fields shared by sign-up, invitation and the Edit pop-up.</summary>
public abstract class PersonInput
{
    [Required(ErrorMessage = "First name is required.")]
    [StringLength(HeshUser.NameMaxLength, ErrorMessage = "First name must be at most {1} characters.")]
    [PersonName]
    [Display(Name = "First name")]
    public string FirstName { get; set; } = "";

    [Required(ErrorMessage = "Last name is required.")]
    [StringLength(HeshUser.NameMaxLength, ErrorMessage = "Last name must be at most {1} characters.")]
    [PersonName]
    [Display(Name = "Last name")]
    public string LastName { get; set; } = "";
}

public sealed class EditProfileInput : PersonInput
{
    [StringLength(HeshUser.PhoneMaxLength, ErrorMessage = "Phone number must be at most {1} characters.")]
    [PhoneNumber]
    [Display(Name = "Phone number")]
    public string? Phone { get; set; }

    [StringLength(HeshUser.ExternalIdMaxLength, ErrorMessage = "External id must be at most {1} characters.")]
    [ExternalId]
    [Display(Name = "External id")]
    public string? ExternalId { get; set; }
}

public sealed class InviteUserInput : PersonInput
{
    [Required(ErrorMessage = "Email is required.")]
    [StringLength(HeshUser.EmailMaxLength, ErrorMessage = "Email must be at most {1} characters.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address, such as name@example.com.")]
    public string Email { get; set; } = "";

    [StringLength(HeshUser.PhoneMaxLength, ErrorMessage = "Phone number must be at most {1} characters.")]
    [PhoneNumber]
    [Display(Name = "Phone number")]
    public string? Phone { get; set; }

    [StringLength(HeshUser.ExternalIdMaxLength, ErrorMessage = "External id must be at most {1} characters.")]
    [ExternalId]
    [Display(Name = "External id")]
    public string? ExternalId { get; set; }

    public Guid? DepartmentId { get; set; }
    public Guid? PositionId { get; set; }
}

public sealed class SignUpInput : PersonInput
{
    [Required(ErrorMessage = "Company name is required.")]
    [StringLength(Company.NameMaxLength, ErrorMessage = "Company name must be at most {1} characters.")]
    [CompanyName]
    [Display(Name = "Company name")]
    public string CompanyName { get; set; } = "";

    [Required(ErrorMessage = "Email is required.")]
    [StringLength(HeshUser.EmailMaxLength, ErrorMessage = "Email must be at most {1} characters.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address, such as name@example.com.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Password is required.")]
    [StringLength(PasswordRules.MaxLength, ErrorMessage = PasswordRules.TooLongMessage)]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Confirm the password.")]
    [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
    [DataType(DataType.Password)]
    [Display(Name = "Confirm password")]
    public string ConfirmPassword { get; set; } = "";

    /// <summary>The owner's browser zone, the company's first time zone; an unknown one becomes UTC, never a refusal.</summary>
    public string? TimeZone { get; set; }
}

/// <summary>A new password typed twice, for "Create new password" and the invitation page.</summary>
public sealed class NewPasswordInput
{
    [Required(ErrorMessage = "Password is required.")]
    [StringLength(PasswordRules.MaxLength, ErrorMessage = PasswordRules.TooLongMessage)]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Confirm the password.")]
    [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
    [DataType(DataType.Password)]
    [Display(Name = "Confirm password")]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ChangeOwnPasswordInput
{
    [Required(ErrorMessage = "Enter your current password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Password is required.")]
    [StringLength(PasswordRules.MaxLength, ErrorMessage = PasswordRules.TooLongMessage)]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Confirm the password.")]
    [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
    [DataType(DataType.Password)]
    [Display(Name = "Confirm password")]
    public string ConfirmPassword { get; set; } = "";
}
