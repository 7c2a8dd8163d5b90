using Hesh.Core.Companies;

namespace Hesh.Tests.Companies;

/// <summary>A new company's production keys start with letters of its own name, always valid for the company profile.</summary>
public sealed class KeyAbbreviationsTests
{
    [Theory]
    [InlineData("Acme Forge", "AF")]
    [InlineData("acme forge", "AF")]
    [InlineData("Acme Metal Works", "AMW")]
    [InlineData("Acme Metal Works and Sons Ltd", "AMW")]
    [InlineData("Forge", "FO")]
    [InlineData("Forge Ltd", "FO")]
    [InlineData("Škoda Dílna", "SD")]
    [InlineData("Ковальня Петренка", "KP")]
    [InlineData("Ґрунт", "GR")]
    [InlineData("3D Print Shop", "DPS")]
    [InlineData("O'Neil Welding", "OW")]
    [InlineData("X", "XX")]
    [InlineData("Smith-Jones", "SJ")]
    public void TheAbbreviation_IsTheInitialsOfTheWords_OrTheFirstTwoLettersOfAOneWordName(string name, string expected) =>
        Assert.Equal(expected, KeyAbbreviations.FromName(name));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("123 456")]
    [InlineData("株式会社")]
    [InlineData(null)]
    public void ANameWithoutLettersToSpellWith_GetsTheFallback(string? name) =>
        Assert.Equal(KeyAbbreviations.Fallback, KeyAbbreviations.FromName(name));

    [Theory]
    [InlineData("Acme Forge")]
    [InlineData("Zażółć Gęślą Jaźń")]
    [InlineData("Ёлка & Ящик")]
    [InlineData("a b c d e f g")]
    [InlineData("Ñandú")]
    [InlineData("Œuvre")]
    public void EveryAbbreviation_PassesTheCompanyProfilesRule(string name)
    {
        var abbreviation = KeyAbbreviations.FromName(name);
        Assert.Matches("^[A-Z]{2,5}$", abbreviation);
        var input = new CompanyProfileInput { Name = "Acme", Currency = "USD", KeyAbbreviation = abbreviation };
        Assert.True(Hesh.Core.Common.InputValidation.Validate(input).Succeeded);
    }
}
