using Hesh.Core.Demo;
using Hesh.Core.Users.Passwords;

namespace Hesh.Tests.Users.Passwords;

public sealed class PasswordRulesTests
{
    private static readonly PasswordContext Anna = new("Anna", "Novak", "a.novak@riverside.example", "Riverside Metalworks Ltd");

    /// <summary>64 characters of lower-case words and spaces: no digit, no capital, no symbol.</summary>
    public const string Passphrase = "lantern orbit meadow cobalt whisper velvet harbor pebble sunrise";

    private static PasswordRefusal? Check(string password) => PasswordRules.Check(password, Anna);

    [Fact]
    public void Passphrase_is_64_characters_of_lower_case_words() => Assert.Equal(64, Passphrase.Length);

    [Fact]
    public void A_64_character_passphrase_of_words_is_accepted_without_digits_capitals_or_symbols() => Assert.Null(Check(Passphrase));

    [Fact]
    public void Eight_characters_are_enough() => Assert.Null(Check("vy7-Kq2m"));

    [Fact]
    public void Seven_characters_are_refused_with_the_minimum_named()
    {
        var refusal = Check("vy7-Kq2");
        Assert.Equal(PasswordRules.TooShort, refusal);
        Assert.Contains("At least 8 characters", refusal!.Message);
    }

    [Fact]
    public void One_hundred_twenty_eight_characters_are_accepted() => Assert.Null(Check(Passphrase + Passphrase));

    [Fact]
    public void One_hundred_twenty_nine_characters_are_refused_not_truncated()
    {
        var refusal = Check(Passphrase + Passphrase + "x");
        Assert.Equal("At most 128 characters.", refusal?.Message);
    }

    [Theory]
    [InlineData("Password1!")]
    [InlineData("Qwerty123!")]
    [InlineData("P@ssw0rd!")]
    [InlineData("Welcome2024!")]
    [InlineData("12345678")]
    [InlineData("iloveyou")]
    [InlineData("!!Dragon2024")]
    [InlineData("TRUSTNO1")]
    public void A_common_password_is_refused_even_with_capitals_digits_and_symbols_around_it(string password)
    {
        var refusal = Check(password);
        Assert.Equal(PasswordRules.Common, refusal);
        Assert.StartsWith("This password is one of the most common ones", refusal!.Message);
    }

    [Fact]
    public void A_common_word_inside_a_longer_passphrase_is_fine() => Assert.Null(Check("password lantern cobalt harbor"));

    [Fact]
    public void The_common_password_list_ships_with_at_least_10000_entries()
    {
        Assert.True(CommonPasswords.Count >= 10_000, $"only {CommonPasswords.Count} common passwords");
        Assert.True(CommonPasswords.Contains("password") && CommonPasswords.Contains("qwerty123"));
    }

    [Theory]
    [InlineData("anna-likes-cobalt-tea")]      // first name
    [InlineData("Cobalt-NOVAK-harbor")]        // last name, any case
    [InlineData("cobalt a.novak harbor")]      // email local part
    [InlineData("4nn4-cobalt-harbor-tea")]     // look-alike characters
    [InlineData("metalworks-cobalt-harbor")]   // company name part
    [InlineData("Riverside2024-cobalt")]       // company name part with digits
    public void A_password_built_on_the_persons_name_email_or_company_is_refused(string password)
    {
        var refusal = Check(password);
        Assert.Equal(PasswordRules.Personal, refusal);
        Assert.Equal("Don't use your name, email or company name in your password.", refusal!.Message);
    }

    [Fact]
    public void Name_parts_shorter_than_three_characters_and_legal_forms_do_not_refuse()
    {
        var li = new PasswordContext("Li", "Wu", "li@x.example", "Acme Ltd");
        Assert.Null(PasswordRules.Check("slide-wuthering-ltd-cobalt", li));
    }

    [Theory]
    [InlineData("zyxwvutsrqpo")]
    [InlineData("mmmmmmmmmmmmm")]
    public void A_pattern_zxcvbn_guesses_at_once_is_refused(string password) => Assert.Equal(PasswordRules.Guessable, Check(password));

    [Theory]
    [InlineData("", PasswordLevel.TooShort)]
    [InlineData("vy7-Kq2", PasswordLevel.TooShort)]
    [InlineData("Password1!", PasswordLevel.Weak)]
    [InlineData("vy7-Kq2m", PasswordLevel.Good)]
    [InlineData(Passphrase, PasswordLevel.Strong)]
    public void The_meter_level_follows_length_and_guessability(string password, PasswordLevel level) =>
        Assert.Equal(level, PasswordRules.Rate(password, Anna).Level);

    [Fact]
    public void The_meter_carries_the_refusal_the_save_would_give()
    {
        var strength = PasswordRules.Rate("Qwerty123!", Anna);
        Assert.Equal("Weak", strength.Label);
        Assert.Equal(PasswordRules.Common, strength.Refusal);
    }

    [Fact]
    public void The_demo_password_passes_the_rules_for_every_demo_person()
    {
        foreach (var p in DemoData.People)
        {
            Assert.Null(PasswordRules.Check(DemoData.Password, new PasswordContext(p.First, p.Last, p.Email, DemoData.CompanyName)));
        }
    }
}
