namespace Hesh.Core.Sessions;

/// <summary>
/// One sign-in on one device, kept on the server: the sign-in cookie names it, and it must still be open for the
/// cookie to work. Ending it (sign-out, "Sign out" on the Security tab) makes a copied cookie useless at once.
/// </summary>
public sealed class UserSession
{
    public const int DeviceMaxLength = 120;

    public string Id { get; init; } = "";
    public string UserId { get; init; } = "";
    public Guid CompanyId { get; init; }
    public string Device { get; init; } = "";
    public string? IpAddress { get; init; }
    public DateTime SignedInAt { get; init; }
    public DateTime LastSeenAt { get; set; }
    /// <summary>The user's security stamp when the session began: a password change or inactivation outdates it.</summary>
    public string? Stamp { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? EndReason { get; set; }
}

/// <summary>A row of the Security tab's session list.</summary>
/// <summary>One open session as the Security tab lists it; <see cref="Online"/> when a tab or app of it is connected right now.</summary>
public sealed record SessionView(string Id, string Device, string? IpAddress, DateTime SignedInAt, DateTime LastSeenAt, bool IsCurrent, bool Online = false);

/// <summary>
/// What a request's session check learned: whether the session is open, whether a new password is due first, and
/// whether the company's two-factor requirement is past its grace period with no second factor set up.
/// </summary>
public readonly record struct SessionCheck(bool Open, bool MustChangePassword, bool MustSetUpTwoFactor = false)
{
    public static readonly SessionCheck Closed = new(false, false);
}
