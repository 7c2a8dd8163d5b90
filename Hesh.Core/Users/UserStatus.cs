namespace Hesh.Core.Users;

/// <summary>Pending: invited, no password yet. Active: may sign in. Inactive: switched off by an admin.</summary>
public enum UserStatus
{
    Pending = 0,
    Active = 1,
    Inactive = 2,
}

/// <summary>The status actions an admin may take, as the status chip offers them.</summary>
public enum StatusAction
{
    Inactivate,
    Activate,
    ResendInvitation,
}
