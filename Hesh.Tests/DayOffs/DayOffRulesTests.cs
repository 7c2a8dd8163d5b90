using Hesh.Core.DayOffs;

namespace Hesh.Tests.DayOffs;

public sealed class DayOffRulesTests
{
    private static readonly DateTime Monday = new(2026, 12, 7, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DayOffPeriod MondayToWednesday = new(Guid.NewGuid(), Monday, Monday.AddDays(2), null);

    [Fact]
    public void EndBeforeStart_IsRefused() => Assert.Contains("end after it starts", DayOffRules.Check(Monday, Monday.AddHours(-1), []));

    [Fact]
    public void EndEqualToStart_IsRefused() => Assert.NotNull(DayOffRules.Check(Monday, Monday, []));

    [Fact]
    public void OverlappingPeriod_IsRefused_AndTheClashIsNamed() =>
        Assert.Contains("2026-12-07 08:00", DayOffRules.Check(Monday.AddDays(1), Monday.AddDays(3), [MondayToWednesday]));

    [Fact]
    public void AClash_IsToldOnTheClockThePeriodWasEnteredOn_WithItsZoneNamed() =>
        Assert.Contains("from 2026-12-07 10:00 to 2026-12-09 10:00 (Europe/Kyiv)",
            DayOffRules.Check(Monday.AddDays(1), Monday.AddDays(3), [MondayToWednesday], TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv")));

    [Fact]
    public void PeriodInsideAnother_IsRefused() =>
        Assert.NotNull(DayOffRules.Check(Monday.AddHours(2), Monday.AddHours(4), [MondayToWednesday]));

    [Fact]
    public void PeriodStartingWhenAnotherEnds_IsAccepted() =>
        Assert.Null(DayOffRules.Check(Monday.AddDays(2), Monday.AddDays(3), [MondayToWednesday]));

    [Fact]
    public void LongerThanAYear_IsRefused() => Assert.NotNull(DayOffRules.Check(Monday, Monday.AddDays(400), []));

    [Fact]
    public void IsOffAt_CoversTheStart_NotTheEnd()
    {
        Assert.True(DayOffRules.IsOffAt([MondayToWednesday], Monday));
        Assert.False(DayOffRules.IsOffAt([MondayToWednesday], Monday.AddDays(2)));
    }
}
