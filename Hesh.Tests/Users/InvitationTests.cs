using Hesh.Core.Users;

namespace Hesh.Tests.Users;

public sealed class InvitationTests
{
    private static readonly DateTime Sent = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    private static (HeshUser User, string Token) Invited()
    {
        var user = new HeshUser { Status = UserStatus.Pending };
        return (user, Invitation.Issue(user, Sent));
    }

    [Fact]
    public void Link_IsValidJustBefore24Hours()
    {
        var (user, token) = Invited();
        Assert.Equal(InvitationState.Valid, Invitation.Check(user, token, Sent.AddHours(24).AddSeconds(-1)));
    }

    [Fact]
    public void Link_ExpiresAfter24Hours()
    {
        var (user, token) = Invited();
        Assert.Equal(InvitationState.Expired, Invitation.Check(user, token, Sent.AddHours(24)));
    }

    [Fact]
    public void Link_CanBeOpenedManyTimesUntilPasswordIsSet()
    {
        var (user, token) = Invited();
        Assert.Equal(InvitationState.Valid, Invitation.Check(user, token, Sent.AddMinutes(1)));
        Assert.Equal(InvitationState.Valid, Invitation.Check(user, token, Sent.AddMinutes(2)));
        user.PasswordHash = "set";
        Assert.Equal(InvitationState.Used, Invitation.Check(user, token, Sent.AddMinutes(3)));
    }

    [Fact]
    public void Link_DiesWhenRevoked()
    {
        var (user, token) = Invited();
        Invitation.Revoke(user);
        Assert.Equal(InvitationState.Used, Invitation.Check(user, token, Sent.AddMinutes(1)));
    }

    [Fact]
    public void Link_DiesWhenUserIsInactive()
    {
        var (user, token) = Invited();
        user.Status = UserStatus.Inactive;
        Assert.Equal(InvitationState.Used, Invitation.Check(user, token, Sent.AddMinutes(1)));
    }

    [Fact]
    public void WrongToken_IsInvalid()
    {
        var (user, _) = Invited();
        Assert.Equal(InvitationState.Invalid, Invitation.Check(user, "guessed-token", Sent.AddMinutes(1)));
    }

    [Fact]
    public void Resending_KillsThePreviousLink()
    {
        var (user, first) = Invited();
        var second = Invitation.Issue(user, Sent.AddHours(1));
        Assert.Equal(InvitationState.Invalid, Invitation.Check(user, first, Sent.AddHours(2)));
        Assert.Equal(InvitationState.Valid, Invitation.Check(user, second, Sent.AddHours(2)));
    }

    [Fact]
    public void OnlyTheHashIsStored()
    {
        var (user, token) = Invited();
        Assert.DoesNotContain(token, user.InvitationTokenHash!, StringComparison.Ordinal);
    }
}
