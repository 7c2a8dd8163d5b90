using System.Globalization;
using Hesh.Core.Common.Localization;

namespace Hesh.Tests.Localization;

public sealed class PluralTests
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("uk");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    [Theory]
    [InlineData(1, PluralCategory.One)]
    [InlineData(2, PluralCategory.Few)]
    [InlineData(5, PluralCategory.Many)]
    [InlineData(11, PluralCategory.Many)]
    [InlineData(12, PluralCategory.Many)]
    [InlineData(21, PluralCategory.One)]
    [InlineData(22, PluralCategory.Few)]
    [InlineData(25, PluralCategory.Many)]
    [InlineData(111, PluralCategory.Many)]
    [InlineData(0, PluralCategory.Many)]
    [InlineData(14, PluralCategory.Many)]
    [InlineData(104, PluralCategory.Few)]
    public void Ukrainian_FollowsCldr_OneFewMany(int n, PluralCategory expected) =>
        Assert.Equal(expected, PluralRules.Category(n, Uk));

    [Theory]
    [InlineData(1, PluralCategory.One)]
    [InlineData(2, PluralCategory.Other)]
    [InlineData(5, PluralCategory.Other)]
    [InlineData(11, PluralCategory.Other)]
    [InlineData(12, PluralCategory.Other)]
    [InlineData(21, PluralCategory.Other)]
    [InlineData(22, PluralCategory.Other)]
    [InlineData(25, PluralCategory.Other)]
    [InlineData(111, PluralCategory.Other)]
    [InlineData(0, PluralCategory.Other)]
    public void English_HasOnlyOneAndOther(int n, PluralCategory expected) =>
        Assert.Equal(expected, PluralRules.Category(n, En));

    [Theory]
    [InlineData("uk", 1, "Тимчасовий доступ: 1 дозвіл")]
    [InlineData("uk", 3, "Тимчасовий доступ: 3 дозволи")]
    [InlineData("uk", 5, "Тимчасовий доступ: 5 дозволів")]
    [InlineData("uk", 21, "Тимчасовий доступ: 21 дозвіл")]
    [InlineData("en", 2, "Temporary access (2)")]
    public void PluralLookup_PicksTheLanguagesForm_AndFallsBackToOther(string language, int n, string expected)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            Assert.Equal(expected, Resx.Localizer(typeof(Hesh.Web.Components.Pages.Users.PermissionsTab)).Plural("Temporary.Title", n));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
