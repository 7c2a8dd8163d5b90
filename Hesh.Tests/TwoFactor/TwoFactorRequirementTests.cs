using Hesh.Core.TwoFactor;

namespace Hesh.Tests.TwoFactor;

public sealed class TwoFactorRequirementTests
{
    private static readonly DateTime Since = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static TwoFactorRequirement At(DateTime now, TwoFactorPolicy policy = TwoFactorPolicy.RequiredForEveryone, bool admin = false,
        bool owner = false, bool hasSecondFactor = false, int graceDays = 7) =>
        TwoFactorRequirement.Of(policy, Since, graceDays, admin, owner, hasSecondFactor, now);

    [Fact]
    public void Optional_AsksNobody() =>
        Assert.Equal(RequirementState.NotRequired, At(Since.AddDays(30), TwoFactorPolicy.Optional, admin: true).State);

    [Theory]
    [InlineData(false, false, RequirementState.NotRequired)]
    [InlineData(true, false, RequirementState.InGrace)]
    [InlineData(false, true, RequirementState.InGrace)]
    public void RequiredForAdministrators_CoversAdminsAndTheOwnerOnly(bool admin, bool owner, RequirementState expected) =>
        Assert.Equal(expected, At(Since.AddHours(1), TwoFactorPolicy.RequiredForAdministrators, admin, owner).State);

    [Fact]
    public void ASecondFactor_SatisfiesThePolicy_EvenAfterTheGracePeriod() =>
        Assert.Equal(RequirementState.Satisfied, At(Since.AddDays(30), hasSecondFactor: true).State);

    [Fact]
    public void DuringTheGracePeriod_DaysLeftAreCountedUp()
    {
        Assert.Equal(7, At(Since.AddMinutes(1)).DaysLeft);
        Assert.Equal(1, At(Since.AddDays(7).AddHours(-2)).DaysLeft);
        Assert.Equal("1 day left", At(Since.AddDays(7).AddHours(-2)).DaysLeftText);
        Assert.Equal(Since.AddDays(7), At(Since.AddDays(3)).Deadline);
    }

    [Fact]
    public void WhenTheGracePeriodEnds_ThePersonIsOverdue()
    {
        Assert.Equal(RequirementState.InGrace, At(Since.AddDays(7).AddSeconds(-1)).State);
        Assert.Equal(RequirementState.Overdue, At(Since.AddDays(7)).State);
        Assert.True(At(Since.AddDays(8)).MustSetUp);
    }

    [Fact]
    public void NoGracePeriod_IsOverdueAtOnce() =>
        Assert.Equal(RequirementState.Overdue, At(Since, graceDays: 0).State);
}
