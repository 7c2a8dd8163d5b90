using Hesh.Core.Users;

namespace Hesh.Tests.Users;

public sealed class UserStatusRulesTests
{
    [Fact]
    public void PendingUser_OffersInactivateAndResendInvitation() =>
        Assert.Equal([StatusAction.Inactivate, StatusAction.ResendInvitation], UserStatusRules.ActionsFor(UserStatus.Pending));

    [Fact]
    public void ActiveUser_OffersOnlyInactivate() =>
        Assert.Equal([StatusAction.Inactivate], UserStatusRules.ActionsFor(UserStatus.Active));

    [Fact]
    public void InactiveUser_OffersOnlyActivate() =>
        Assert.Equal([StatusAction.Activate], UserStatusRules.ActionsFor(UserStatus.Inactive));

    [Theory]
    [InlineData(UserStatus.Active, StatusAction.Activate)]
    [InlineData(UserStatus.Active, StatusAction.ResendInvitation)]
    [InlineData(UserStatus.Inactive, StatusAction.Inactivate)]
    [InlineData(UserStatus.Inactive, StatusAction.ResendInvitation)]
    [InlineData(UserStatus.Pending, StatusAction.Activate)]
    public void ActionNotOfferedForStatus_IsNotAllowed(UserStatus status, StatusAction action) =>
        Assert.False(UserStatusRules.Allows(status, action));

    [Fact]
    public void ActivatingUserWhoNeverSetPassword_ReturnsThemToPending() =>
        Assert.Equal(UserStatus.Pending, UserStatusRules.After(UserStatus.Inactive, StatusAction.Activate, hasPassword: false));

    [Fact]
    public void ActivatingUserWithPassword_MakesThemActive() =>
        Assert.Equal(UserStatus.Active, UserStatusRules.After(UserStatus.Inactive, StatusAction.Activate, hasPassword: true));

    [Theory]
    [InlineData(UserStatus.Pending, false)]
    [InlineData(UserStatus.Active, true)]
    [InlineData(UserStatus.Inactive, false)]
    public void OnlyActiveUsers_CanSignIn(UserStatus status, bool expected) =>
        Assert.Equal(expected, UserStatusRules.CanSignIn(status));
}
