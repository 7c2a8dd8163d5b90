using Hesh.Core.Grants;
using Hesh.Core.Permissions;

namespace Hesh.Tests.Grants;

/// <summary>The end rules of temporary access, against a fixed "now": each rule one plain test.</summary>
public sealed class TemporaryGrantRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 15, 46, 0, DateTimeKind.Utc);

    [Fact]
    public void EndInThePast_IsRefused() => Assert.Equal(TemporaryGrantRules.EndInThePast, TemporaryGrantRules.CheckEnd(Now, Now.AddMinutes(-5)));

    [Fact]
    public void EndLessThanAMinuteAhead_IsRefused() => Assert.Equal(TemporaryGrantRules.EndInThePast, TemporaryGrantRules.CheckEnd(Now, Now.AddSeconds(59)));

    [Fact]
    public void EndOneMinuteAhead_IsAccepted() => Assert.Null(TemporaryGrantRules.CheckEnd(Now, Now.AddMinutes(1)));

    [Fact]
    public void EndExactlyAYearAhead_IsAccepted() => Assert.Null(TemporaryGrantRules.CheckEnd(Now, Now.AddDays(365)));

    [Fact]
    public void EndMoreThanAYearAhead_IsRefused() => Assert.Equal(TemporaryGrantRules.EndTooFar, TemporaryGrantRules.CheckEnd(Now, Now.AddDays(365).AddMinutes(1)));

    [Theory]
    [InlineData(EndPreset.OneHour, "2026-12-01T16:46:00")]
    [InlineData(EndPreset.EightHours, "2026-12-01T23:46:00")]
    [InlineData(EndPreset.EndOfToday, "2026-12-01T23:59:00")]
    [InlineData(EndPreset.OneWeek, "2026-12-08T15:46:00")]
    public void Preset_EndsWhereItsNameSays_InUtc(EndPreset preset, string expected) =>
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TemporaryGrantRules.EndOf(preset, Now, TimeZoneInfo.Utc));

    [Theory]
    // 15:46 UTC is 17:46 in Kyiv: its 23:59 is 21:59 UTC. At 23:30 UTC it is 01:30 tomorrow in Kyiv, so its day ends at 21:59 UTC tomorrow.
    [InlineData("2026-12-01T15:46:00", "Europe/Kyiv", "2026-12-01T21:59:00")]
    [InlineData("2026-12-01T23:30:00", "Europe/Kyiv", "2026-12-02T21:59:00")]
    // 15:46 UTC is 21:16 in Kolkata: its 23:59 is 18:29 UTC.
    [InlineData("2026-12-01T15:46:00", "Asia/Kolkata", "2026-12-01T18:29:00")]
    public void EndOfToday_IsTheLastMinuteOfTheGrantersOwnDay(string now, string zone, string expected)
    {
        var at = DateTime.SpecifyKind(DateTime.Parse(now, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

        var end = TemporaryGrantRules.EndOf(EndPreset.EndOfToday, at, TimeZoneInfo.FindSystemTimeZoneById(zone));

        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), end);
        Assert.Null(TemporaryGrantRules.CheckEnd(at, end));
    }

    [Fact]
    public void EndOfToday_IsTitledWithoutAZone_TheMenuNamesTheViewersOwn() =>
        Assert.Equal("End of today (23:59)", EndPreset.EndOfToday.Title());

    [Fact]
    public void EveryPreset_PassesTheEndRules_AtAnyTimeButTheDaysLastMinute() =>
        Assert.All(new[] { EndPreset.OneHour, EndPreset.EightHours, EndPreset.EndOfToday, EndPreset.OneWeek },
            p => Assert.Null(TemporaryGrantRules.CheckEnd(Now, TemporaryGrantRules.EndOf(p, Now, TimeZoneInfo.Utc))));

    [Fact]
    public void CustomPreset_TakesTheGivenTime() =>
        Assert.Equal(Now.AddDays(3), TemporaryGrantRules.EndOf(EndPreset.Custom, Now, TimeZoneInfo.Utc, Now.AddDays(3)));

    [Theory]
    [InlineData(134, "2 h 14 min")]
    [InlineData(45, "45 min")]
    [InlineData(0.5, "less than a minute")]
    [InlineData(3 * 24 * 60 + 4 * 60, "3 d 4 h")]
    [InlineData(479.99, "8 h 0 min")]
    public void Remaining_ReadsAsTheChipShowsIt(double minutes, string expected) =>
        Assert.Equal(expected, TemporaryGrantRules.Remaining(Now, Now.AddMinutes(minutes)));

    [Fact]
    public void When_IsATimeToday_ADateOtherwise_AndAYearInAnotherYear()
    {
        Assert.Equal("18:00", TemporaryGrantRules.When(Now, Now.Date.AddHours(18)));
        Assert.Equal("3 Dec 18:00", TemporaryGrantRules.When(Now, new DateTime(2026, 12, 3, 18, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("3 Jan 2027 18:00", TemporaryGrantRules.When(Now, new DateTime(2027, 1, 3, 18, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void EndedKey_GoesOff_AndTakesItsChildrenAlong()
    {
        var set = AccessSet.Empty.With(PermissionKey.ProductionsEdit, true);
        var after = TemporaryAccessService.Ended(set, new PermissionGrant { Key = PermissionKey.ProductionsView, EndsAt = Now });
        Assert.False(after.Has(PermissionKey.ProductionsView));
        Assert.False(after.Has(PermissionKey.ProductionsEdit));
    }

    [Fact]
    public void EndedLevel_FallsBackToTheLevelBefore()
    {
        var set = AccessSet.Empty.WithScope(TaskScope.AllDepartments);
        var row = new PermissionGrant { Key = PermissionKey.TaskEditLevel, Level = TaskScope.AllDepartments, RevertTo = TaskScope.Department, EndsAt = Now };
        Assert.Equal(TaskScope.Department, TemporaryAccessService.Ended(set, row).TaskScope);
    }

    [Fact]
    public void EndedLevel_ChangedSinceByHand_IsLeftAlone()
    {
        var set = AccessSet.Empty.WithScope(TaskScope.DepartmentAndSubDepartments);
        var row = new PermissionGrant { Key = PermissionKey.TaskEditLevel, Level = TaskScope.AllDepartments, RevertTo = TaskScope.NoAccess, EndsAt = Now };
        Assert.Equal(TaskScope.DepartmentAndSubDepartments, TemporaryAccessService.Ended(set, row).TaskScope);
    }
}
