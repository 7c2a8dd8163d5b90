using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Hesh.Core.AccessRequests;
using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Core.Grants;
using Hesh.Core.Permissions;
using Hesh.Core.Preferences;
using Hesh.Core.Users;
using Hesh.Core.Users.Passwords;
using Hesh.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Localization;

/// <summary>
/// Core's refusals come back in the reader's language: the same real services and rules say it in Ukrainian to a
/// Ukrainian reader and, unchanged, in English to an English one.
/// </summary>
public sealed class CoreRefusalsInUkrainianTests(AppHost host)
{
    private static IDisposable Speak(string culture) => Languages.Speak(culture);

    [Theory]
    [InlineData("uk", "Ви не можете змінювати дозволи. Зверніться до адміністратора.")]
    [InlineData("en", "You may not change permissions. Ask an administrator.")]
    public async Task A_user_without_permission_toggling_their_own_switch_is_refused_in_the_readers_language(string culture, string expected)
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");

        using var _ = Speak(culture);
        var result = await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
            .ToggleAsync(anna.Id, anna.Id, Platform.Web, PermissionKey.Analytics, true, 0));

        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Error);
    }

    [Theory]
    [InlineData("uk", "Лише власник компанії може передати права власника.")]
    [InlineData("en", "Only the company owner can transfer ownership.")]
    public async Task An_ownership_transfer_by_an_admin_who_is_not_the_owner_is_refused_in_the_readers_language(string culture, string expected)
    {
        var company = await host.CreateCompanyAsync();
        var admin = await company.AddUserAsync("Admin", admin: true);
        var heir = await company.AddUserAsync("Heir");

        using var _ = Speak(culture);
        var result = await host.WithScopeAsync(s => s.GetRequiredService<OwnershipService>().TransferAsync(admin.Id, heir.Id, TestCompany.Password));

        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Error);
    }

    [Theory]
    [InlineData("uk", "Пароль неправильний.")]
    [InlineData("en", "The password is not correct.")]
    public async Task A_wrong_password_on_an_ownership_transfer_is_named_in_the_readers_language(string culture, string expected)
    {
        var company = await host.CreateCompanyAsync();
        var heir = await company.AddUserAsync("Heir");

        using var _ = Speak(culture);
        var result = await host.WithScopeAsync(s => s.GetRequiredService<OwnershipService>().TransferAsync(company.OwnerId, heir.Id, "Wrong-pass-1"));

        Assert.Equal(expected, result.FieldErrors["Password"]);
    }

    [Theory]
    [InlineData("uk", "Ви можете змінювати лише власні налаштування.")]
    [InlineData("en", "You can change only your own preferences.")]
    public async Task Changing_a_colleagues_preferences_is_refused_in_the_readers_language(string culture, string expected)
    {
        var company = await host.CreateCompanyAsync();
        var worker = await company.AddUserAsync("Wanda");

        using var _ = Speak(culture);
        var result = await host.WithScopeAsync(s => s.GetRequiredService<PreferenceService>()
            .SetMineAsync(company.OwnerId, worker.Id, new PersonalPreferences("uk", "Europe/Kyiv", Theme.Dark)));

        Assert.Equal(expected, result.Error);
    }

    [Theory]
    [InlineData("uk", "Щонайменше 8 символів — рекомендовано 15 або більше.", "Закороткий")]
    [InlineData("en", "At least 8 characters — 15 or more recommended.", "Too short")]
    public void A_password_rule_speaks_the_readers_language(string culture, string refusal, string label)
    {
        using var _ = Speak(culture);

        Assert.Equal(refusal, PasswordRules.TooShort.Message);
        Assert.Equal(label, new PasswordStrength(PasswordLevel.TooShort, PasswordRules.TooShort).Label);
    }

    [Theory]
    [InlineData("uk", "Укажіть ім’я.", "Паролі не збігаються.")]
    [InlineData("en", "First name is required.", "The passwords do not match.")]
    public void Validation_messages_of_the_inputs_follow_the_reader_each_time_they_are_read(string culture, string firstName, string mismatch)
    {
        using var _ = Speak(culture);

        Assert.Contains(firstName, Errors(new InviteUserInput { Email = "a@example.com", LastName = "Doe" }));
        Assert.Contains(mismatch, Errors(new NewPasswordInput { Password = "correct horse battery", ConfirmPassword = "something else" }));
    }

    [Fact]
    public void A_refusal_read_in_English_first_is_still_Ukrainian_for_the_next_reader()
    {
        string english, ukrainian;
        using (Speak("en"))
        {
            english = Refusal.NoSelfEdit.Message;
        }
        using (Speak("uk"))
        {
            ukrainian = Refusal.NoSelfEdit.Message;
        }

        Assert.Equal("You cannot change your own permissions.", english);
        Assert.Equal("Ви не можете змінювати власні дозволи.", ukrainian);
    }

    [Theory]
    [InlineData("uk", "Хвилин: 90", "1 година")]
    [InlineData("en", "90 minutes", "1 hour")]
    public void A_request_duration_reads_in_the_readers_language_but_the_audit_keeps_English(string culture, string ninety, string hour)
    {
        using var _ = Speak(culture);

        Assert.Equal(ninety, RequestDuration.TitleOf(90));
        Assert.Equal(hour, RequestDuration.OneHour.Title);
        Assert.Equal("1 hour", RequestDuration.EnglishOf(60));
    }

    [Theory]
    [InlineData("uk", "Від 15 символів пароль стане надійним.")]
    [InlineData("en", "15 or more characters make it strong.")]
    public void A_number_in_a_hint_is_placed_by_the_translation_not_glued_on(string culture, string expected)
    {
        using var _ = Speak(culture);

        Assert.Equal(expected, new PasswordStrength(PasswordLevel.Good, null).Hint);
    }

    [Fact]
    public void Speaking_a_language_is_undone_afterwards()
    {
        var before = CultureInfo.CurrentUICulture;
        using (Speak("uk"))
        {
            Assert.Equal("uk", CultureInfo.CurrentUICulture.Name);
        }
        Assert.Equal(before, CultureInfo.CurrentUICulture);
    }

    private static List<string> Errors(object input)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }
}
