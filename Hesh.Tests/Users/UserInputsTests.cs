using Hesh.Core.Common;
using Hesh.Core.Email;
using Hesh.Core.Users;

namespace Hesh.Tests.Users;

public sealed class UserInputsTests
{
    private static InviteUserInput Valid() => new() { Email = "new@test.hesh", FirstName = "Anna", LastName = "O'Neil-Smith", Phone = "+1 (555) 010-0200", ExternalId = "EMP-001" };

    [Fact]
    public void ValidInvitation_HasNoErrors() => Assert.True(InputValidation.Validate(Valid()).Succeeded);

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Anna<b>")]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    public void ScriptInName_IsRefusedOnTheField(string name)
    {
        var input = Valid();
        input.FirstName = name;
        var result = InputValidation.Validate(input);
        Assert.Contains(nameof(InviteUserInput.FirstName), result.FieldErrors.Keys);
    }

    [Fact]
    public void OverLongName_IsRefused()
    {
        var input = Valid();
        input.LastName = new string('a', HeshUser.NameMaxLength + 1);
        Assert.Contains("at most 50", InputValidation.Validate(input).FieldErrors[nameof(InviteUserInput.LastName)]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("a@")]
    public void MalformedEmail_IsRefused(string email)
    {
        var input = Valid();
        input.Email = email;
        Assert.Contains(nameof(InviteUserInput.Email), InputValidation.Validate(input).FieldErrors.Keys);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("call me")]
    [InlineData("+1 555 0100 0200 3000 4000")]
    public void MalformedPhone_IsRefused(string phone)
    {
        var input = Valid();
        input.Phone = phone;
        Assert.Contains(nameof(InviteUserInput.Phone), InputValidation.Validate(input).FieldErrors.Keys);
    }

    [Fact]
    public void EmptyFirstName_IsRequired()
    {
        var input = Valid();
        input.FirstName = "";
        Assert.Equal("First name is required.", InputValidation.Validate(input).FieldErrors[nameof(InviteUserInput.FirstName)]);
    }

    [Fact]
    public void MismatchedPasswords_AreRefused()
    {
        var result = InputValidation.Validate(new NewPasswordInput { Password = "Abcdef-1", ConfirmPassword = "Abcdef-2" });
        Assert.Contains(nameof(NewPasswordInput.ConfirmPassword), result.FieldErrors.Keys);
    }

    [Fact]
    public void CompanyNameWithMarkup_IsRefused()
    {
        var input = new SignUpInput { CompanyName = "<b>Evil</b>", FirstName = "A", LastName = "B", Email = "a@b.hesh", Password = "Abcdef-1", ConfirmPassword = "Abcdef-1" };
        Assert.Contains(nameof(SignUpInput.CompanyName), InputValidation.Validate(input).FieldErrors.Keys);
    }

    [Fact]
    public void InvitationEmail_EncodesUserValues()
    {
        var mail = EmailTemplates.Invitation("x@test.hesh", "<b>Ann</b>", "A & B", "http://h/Account/Invitation?userId=1&token=2");
        Assert.DoesNotContain("<b>Ann</b>", mail.Html);
        Assert.Contains("A &amp; B", mail.Html);
        Assert.Contains("http://h/Account/Invitation?userId=1&token=2", mail.Text);
    }
}
