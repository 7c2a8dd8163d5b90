namespace Hesh.Core.Users;

/// <summary>
/// The status machine of PRODUCT §1. Pending → Active happens only by a password being set (from the
/// invitation or by an admin), never by the Messages.Say("Activate") action, so an account can never be active without a password.
/// </summary>
public static class UserStatusRules
{
    public static IReadOnlyList<StatusAction> ActionsFor(UserStatus status) => status switch
    {
        UserStatus.Pending => [StatusAction.Inactivate, StatusAction.ResendInvitation],
        UserStatus.Active => [StatusAction.Inactivate],
        UserStatus.Inactive => [StatusAction.Activate],
        _ => [],
    };

    public static bool Allows(UserStatus status, StatusAction action) => ActionsFor(status).Contains(action);

    /// <summary>The status an action leads to; an inactive user who never set a password goes back to Pending.</summary>
    public static UserStatus After(UserStatus status, StatusAction action, bool hasPassword) => action switch
    {
        StatusAction.Inactivate => UserStatus.Inactive,
        StatusAction.Activate => hasPassword ? UserStatus.Active : UserStatus.Pending,
        _ => status,
    };

    public static bool CanSignIn(UserStatus status) => status == UserStatus.Active;

    public static string Describe(StatusAction action) => action switch
    {
        StatusAction.Inactivate => Messages.Say("Inactivate"),
        StatusAction.Activate => Messages.Say("Activate"),
        StatusAction.ResendInvitation => Messages.Say("Resend invitation"),
        _ => action.ToString(),
    };
}
