using System.ComponentModel.DataAnnotations;

namespace Hesh.Core.Common;

/// <summary>Runs the DataAnnotations of an input record: the same attributes drive the UI's field messages.</summary>
public static class InputValidation
{
    public static Result Validate(object input)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        var errors = new Dictionary<string, string>();
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
            {
                errors.TryAdd(member, result.ErrorMessage ?? "Invalid value.");
            }
        }
        return Result.Invalid(errors);
    }
}

/// <summary>
/// A person's name: letters with spaces, apostrophes, dots and hyphens. Markup characters are refused
/// outright so a name can never carry script, even into a channel that does not encode (an email subject).
/// </summary>
public sealed class PersonNameAttribute() : RegularExpressionAttribute(@"^[\p{L}\p{M}][\p{L}\p{M} '’.\-]*$")
{
    public override string FormatErrorMessage(string name) =>
        $"{name} may contain only letters, spaces, apostrophes, dots and hyphens.";
}

/// <summary>A phone number: digits with an optional leading +, spaces, dashes and brackets; 6 to 15 digits.</summary>
public sealed class PhoneNumberAttribute : ValidationAttribute
{
    public override bool IsValid(object? value)
    {
        if (value is not string text || text.Length == 0)
        {
            return true;
        }
        var digits = text.Count(char.IsAsciiDigit);
        return System.Text.RegularExpressions.Regex.IsMatch(text, @"^\+?[0-9 ()\-]+$") && digits is >= 6 and <= 15;
    }

    public override string FormatErrorMessage(string name) =>
        $"{name} must be a phone number such as +1 555 010 0200 (6 to 15 digits).";
}

/// <summary>An identifier from another system: letters, digits, dot, dash, underscore and slash.</summary>
public sealed class ExternalIdAttribute() : RegularExpressionAttribute(@"^[A-Za-z0-9._/\-]*$")
{
    public override string FormatErrorMessage(string name) =>
        $"{name} may contain only letters, digits, dots, dashes, underscores and slashes.";
}

/// <summary>A company name: letters, digits and common punctuation, never markup.</summary>
public sealed class CompanyNameAttribute() : RegularExpressionAttribute(@"^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} '’.,&()\-]*$")
{
    public override string FormatErrorMessage(string name) =>
        $"{name} may contain letters, digits, spaces and . , & ' ( ) - only.";
}
