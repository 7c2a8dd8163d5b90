using Hesh.Core.Users;
using Hesh.Web.Live;

namespace Hesh.Tests.Live;

/// <summary>A receipt names the person and their tabs, never sessions or a clock time.</summary>
public sealed class ReceiptWordingTests
{
    private static readonly DateTime At = new(2026, 12, 1, 7, 1, 20, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, 0, "Saved — Boris has no open tab; it applies at their next page.")]
    [InlineData(1, 1, "Saved — Boris's open tab has it now.")]
    [InlineData(0, 1, "Saved — Boris's open tab has not answered yet; it gets the change when it reconnects.")]
    [InlineData(3, 3, "Saved — all 3 of Boris's open tabs have it now.")]
    [InlineData(2, 3, "Saved — 2 of Boris's 3 open tabs have it now.")]
    public void OnePerson_IsToldWhoseTabsHaveTheChange(int applied, int open, string expected) =>
        Assert.Equal(expected, ReceiptWording.For(new LiveReceipt(applied, open, At), "Boris"));

    [Fact]
    public void ManyPeople_NobodyOnline_SaysItAppliesAtTheirNextPage() =>
        Assert.Equal("Saved — none of these 2 people has an open tab; it applies at their next page.",
            ReceiptWording.For([new LiveReceipt(0, 0, At), new LiveReceipt(0, 0, At)]));

    [Fact]
    public void ManyPeople_SomeOnline_CountsTheirTabsTogether()
    {
        Assert.Equal("Saved — 2 of 3 people online, and all 3 of their open tabs have it now.",
            ReceiptWording.For([new LiveReceipt(1, 1, At), new LiveReceipt(2, 2, At), new LiveReceipt(0, 0, At)]));
        Assert.Equal("Saved — 2 of the 3 open tabs of 2 of 3 people have it now; the others get it when they reconnect.",
            ReceiptWording.For([new LiveReceipt(1, 1, At), new LiveReceipt(1, 2, At), new LiveReceipt(0, 0, At)]));
    }

    [Fact]
    public void NoReceipt_MentionsSessionsOrAClockTime()
    {
        var all = new[] { (0, 0), (1, 1), (0, 1), (2, 3) }.Select(r => ReceiptWording.For(new LiveReceipt(r.Item1, r.Item2, At), "Boris"));
        Assert.All(all, text => Assert.DoesNotContain("session", text, StringComparison.OrdinalIgnoreCase));
        Assert.All(all, text => Assert.DoesNotContain("07:01", text, StringComparison.Ordinal));
    }
}
