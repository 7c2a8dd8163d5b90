using Hesh.Core.Common;
using Hesh.Core.Permissions;

namespace Hesh.Tests.Permissions;

public sealed class AccessDiffTests
{
    [Fact]
    public void Diff_CountsEachPermissionGainedAndLost_PerPlatform()
    {
        var before = AccessPair.Defaults with { Web = AccessSet.Defaults(Platform.Web).With(PermissionKey.Analytics, true) };
        var after = AccessPair.Defaults with { Mobile = AccessSet.Defaults(Platform.Mobile).With(PermissionKey.ProductionsEdit, true) };

        var diff = AccessDiff.Between(before, after);

        Assert.Equal("+2 / −1", diff.Summary);
        Assert.Equal(["Productions view (mobile)", "Productions edit (mobile)"], diff.Gained.Select(l => l.Text));
        Assert.Equal("Analytics (web)", Assert.Single(diff.Lost).Text);
        Assert.Equal("gained Productions view (mobile), Productions edit (mobile); lost Analytics (web)", diff.InWords);
    }

    [Fact]
    public void DiffInWords_NamesTheFirstFew_AndCountsTheRest()
    {
        var everything = AccessPair.Defaults with
        {
            Web = PermissionCatalog.All.Where(p => !p.IsLevel).Aggregate(AccessSet.Defaults(Platform.Web), (set, p) => set.With(p.Key, true)),
        };

        var words = AccessDiff.Between(AccessPair.Defaults, everything).InWords;

        Assert.Matches(@"^gained [^;]+, [^;]+, [^;]+ and \d+ more$", words);
    }

    [Fact]
    public void Diff_OfTheTaskEditLevel_IsOneLine_WithTheLevelsBeforeAndAfter()
    {
        var before = AccessPair.Defaults with { Web = AccessSet.Defaults(Platform.Web).WithScope(TaskScope.AllDepartments) };
        var after = AccessPair.Defaults with { Web = AccessSet.Defaults(Platform.Web).WithScope(TaskScope.Department) };

        var diff = AccessDiff.Between(before, after);

        var line = Assert.Single(diff.Lost);
        Assert.Equal(PermissionKey.TaskEditLevel, line.Key);
        Assert.Equal($"Task edit level (web): {TaskScope.AllDepartments.Title()} → {TaskScope.Department.Title()}", line.Text);
        Assert.Empty(diff.Gained);
    }

    [Fact]
    public void Diff_IgnoresAlwaysOnPermissions_WhetherStoredOrNot()
    {
        var stored = new AccessPair(AccessSet.Empty, AccessSet.Empty);

        Assert.True(AccessDiff.Between(stored, stored.Normalized()).IsEmpty);
        Assert.True(stored.SameAs(stored.Normalized()));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("Anna, Novak", "\"Anna, Novak\"")]
    [InlineData("plain", "plain")]
    public void CsvCells_ThatASpreadsheetWouldRun_AreEscapedAsText(string value, string cell) =>
        Assert.Equal(cell, Csv.Cell(value));
}
