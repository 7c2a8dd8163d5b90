namespace Hesh.Core.Common;

public enum AccessChangeKind
{
    Permissions,
    Admin,
    Status,
    Password,
    Ownership,
    /// <summary>Sessions were ended: <see cref="AccessChanged.SessionId"/> names the one, or null for all.</summary>
    Sessions,
    /// <summary>This node lost the bus to the other nodes: their changes stop arriving, so nothing may be cached.</summary>
    Outage,
    /// <summary>The bus is back: whatever changed meanwhile must be re-read, by every cache and every open client.</summary>
    Resync,
    /// <summary>An admin requires a new password: open tabs go to the change-password page, as the next request would.</summary>
    PasswordRequired,
    /// <summary>The user's second factors or the company's two-factor policy changed: the Security tab and notices follow.</summary>
    TwoFactor,
    /// <summary>
    /// An access request was made or answered: the bell, the Overview and the requester's notice re-read it. Nobody's
    /// access changed with it (an approval announces its grant as <see cref="Permissions"/> as well).
    /// </summary>
    Requests,
}

/// <summary>
/// A user's permissions, admin rights, status, password or ownership changed (announced after commit). It says who
/// did it and, in words, what changed, for the note the user sees; the new state itself is read from the store.
/// A company-wide change (the two-factor policy) has no <see cref="UserId"/>.
/// </summary>
public sealed record AccessChanged(string UserId, Guid CompanyId, AccessChangeKind Kind, string? ActorId, string ActorName, string Summary)
{
    /// <summary>Names this change on every node: receipts count the clients that applied this one, not an older one.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>
    /// The summary's English format ({0}, {1}…) and its values, so the receiver words it in their own language
    /// (<see cref="LiveWords.Words"/>); null when the summary has no values and is its own key.
    /// </summary>
    public string? Format { get; init; }

    public string[]? Arguments { get; init; }

    /// <summary>A change saying <paramref name="summary"/>, its shape kept for the receiver's wording.</summary>
    public static AccessChanged Of(string userId, Guid companyId, AccessChangeKind kind, string? actorId, string actorName, LiveSummary summary) =>
        new(userId, companyId, kind, actorId, actorName, summary.English) { Format = summary.Format, Arguments = summary.Arguments };

    /// <summary>For <see cref="AccessChangeKind.Sessions"/>: the session ended, or null when all of them were.</summary>
    public string? SessionId { get; init; }

    /// <summary>True when a client signed in with <paramref name="sessionId"/> must go: its session was ended.</summary>
    public bool Ends(string? sessionId) => EndsSessions || (Kind == AccessChangeKind.Sessions && (SessionId is null || SessionId == sessionId));

    /// <summary>Changes after which the user's sessions must end (the security stamp changed).</summary>
    public bool EndsSessions => Kind is AccessChangeKind.Status or AccessChangeKind.Password;

    /// <summary>An outage or resync concerns every user; a change, one (or, company-wide, a whole company).</summary>
    public bool IsBusEvent => Kind is AccessChangeKind.Outage or AccessChangeKind.Resync;

    /// <summary>A change of the company's own settings, for every open tab of that company.</summary>
    public bool IsCompanyWide => !IsBusEvent && UserId.Length == 0;

    /// <summary>True when a live client of <paramref name="userId"/> must re-read its access.</summary>
    public bool Concerns(string userId) => Kind == AccessChangeKind.Resync || (!IsBusEvent && UserId == userId);

    public static AccessChanged BusLost() => new("", Guid.Empty, AccessChangeKind.Outage, null, "Hesh", "connection to the other servers lost");

    public static AccessChanged BusRestored() => new("", Guid.Empty, AccessChangeKind.Resync, null, "Hesh", "brought up to date");
}
