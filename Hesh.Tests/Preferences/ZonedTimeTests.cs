using Hesh.Core.Preferences;

namespace Hesh.Tests.Preferences;

public sealed class ZonedTimeTests
{
    private static readonly TimeZoneInfo Kyiv = TimeZones.Find("Europe/Kyiv")!;

    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);
    private static DateTime Wall(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Unspecified);

    [Fact]
    public void KyivIsTwoHoursAheadInWinter_AndThreeInSummer()
    {
        Assert.Equal(Utc(2027, 1, 15, 20), ZonedTime.ToUtc(Wall(2027, 1, 15, 22), Kyiv).Utc);
        Assert.Equal(Utc(2027, 7, 15, 19), ZonedTime.ToUtc(Wall(2027, 7, 15, 22), Kyiv).Utc);
        Assert.Equal(Wall(2027, 1, 15, 22), ZonedTime.ToLocal(Utc(2027, 1, 15, 20), Kyiv));
        Assert.Equal(Wall(2027, 7, 15, 22), ZonedTime.ToLocal(Utc(2027, 7, 15, 19), Kyiv));
    }

    [Fact]
    public void AmbiguousFallBackTime_TakesTheFirstEarlierOccurrence()
    {
        // 31 Oct 2027: Kyiv falls back 04:00 → 03:00, so 03:30 happens twice (00:30Z and 01:30Z).
        var result = ZonedTime.ToUtc(Wall(2027, 10, 31, 3, 30), Kyiv);

        Assert.Equal(Utc(2027, 10, 31, 0, 30), result.Utc);
        Assert.False(result.Shifted);
    }

    [Fact]
    public void SkippedSpringForwardTime_MovesPastTheGap_AndSaysSo()
    {
        // 28 Mar 2027: Kyiv jumps 03:00 → 04:00, so 03:30 never happens; it becomes 04:30 local (01:30Z).
        var result = ZonedTime.ToUtc(Wall(2027, 3, 28, 3, 30), Kyiv);

        Assert.True(result.Shifted);
        Assert.Equal(Utc(2027, 3, 28, 1, 30), result.Utc);
        Assert.Equal(Wall(2027, 3, 28, 4, 30), ZonedTime.ToLocal(result.Utc, Kyiv));
        Assert.False(ZonedTime.ToUtc(Wall(2027, 3, 28, 2, 30), Kyiv).Shifted);
    }

    [Theory]
    [InlineData(2027, 10, 30, 2027, 11, 1)] // across the October change
    [InlineData(2027, 3, 27, 2027, 3, 29)] // across the March change
    public void PeriodAcrossADstChange_KeepsItsWallClockTimesOnBothSides(int y1, int m1, int d1, int y2, int m2, int d2)
    {
        var (start, end) = ZonedTime.PeriodToUtc(Wall(y1, m1, d1, 22), Wall(y2, m2, d2, 22), Kyiv);

        Assert.Equal(22, ZonedTime.ToLocal(start.Utc, Kyiv).Hour);
        Assert.Equal(22, ZonedTime.ToLocal(end.Utc, Kyiv).Hour);
        Assert.NotEqual(TimeSpan.FromDays(2), end.Utc - start.Utc);
    }

    [Fact]
    public void ShortName_NamesTheCityAndTheOffsetOfTheSeason()
    {
        Assert.Equal("Kyiv (UTC+2)", ZonedTime.ShortName(Kyiv, Utc(2027, 1, 1, 12)));
        Assert.Equal("Kyiv (UTC+3)", ZonedTime.ShortName(Kyiv, Utc(2027, 7, 1, 12)));
        Assert.Equal("UTC", ZonedTime.ShortName(TimeZoneInfo.Utc, Utc(2027, 7, 1, 12)));
        Assert.Equal("New York (UTC−5)", ZonedTime.ShortName(TimeZones.Find("America/New_York")!, Utc(2027, 1, 1, 12)));
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("")]
    [InlineData(null)]
    public void GarbageZone_FallsBackToUtc(string? id)
    {
        Assert.Equal(TimeZoneInfo.Utc, TimeZones.Resolve(id, new string('x', 10_000)));
    }
}
