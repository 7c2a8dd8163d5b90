namespace Hesh.Core.SignIns;

/// <summary>What became of one sign-in attempt of a known account.</summary>
public enum SignInOutcome
{
    Succeeded,
    WrongPassword,
    WrongCode,
    LockedOut,
    /// <summary>Too many failures for this account from this address: refused before the password was looked at.</summary>
    Throttled,
    NotActivated,
    Inactive,
    /// <summary>The password was right; the second factor was asked and not (yet) given.</summary>
    SecondFactorAsked,
}

/// <summary>How the person proved who they are.</summary>
public enum SignInMethod
{
    Password,
    Authenticator,
    RecoveryCode,
    Passkey,
}

/// <summary>
/// One sign-in attempt of a known account, kept 90 days: the Security tab lists them, the per-address throttle counts
/// them, and a success from a browser the account never used before is emailed to its owner.
/// </summary>
public sealed class SignInAttempt
{
    public const int DeviceMaxLength = 120;
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(90);

    public long Id { get; init; }
    public string UserId { get; init; } = "";
    public Guid CompanyId { get; init; }
    public DateTime At { get; init; }
    public SignInOutcome Outcome { get; init; }
    public SignInMethod Method { get; init; }
    public string? IpAddress { get; init; }
    public string Device { get; init; } = "";
    /// <summary>A hash of the browser's own long-lived id cookie: how a new browser is told from a known one.</summary>
    public string? BrowserId { get; init; }
    /// <summary>The passkey used, when one was: its "last used" is read from here.</summary>
    public string? CredentialId { get; init; }
}
