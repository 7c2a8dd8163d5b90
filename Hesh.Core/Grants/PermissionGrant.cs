using Hesh.Core.Permissions;

namespace Hesh.Core.Grants;

/// <summary>How a permission came to be held, as the switch's "why" shows it.</summary>
public enum GrantSource
{
    /// <summary>Switched on by hand on the Permissions tab (or its task edit level set).</summary>
    Toggle,
    /// <summary>A position's template applied (also at import and invitation).</summary>
    Template,
    /// <summary>Copied from another user; <see cref="PermissionGrant.SourceName"/> names them.</summary>
    Copy,
    /// <summary>A bulk grant on the Users list or "Who has this?".</summary>
    Bulk,
    /// <summary>An access request approved; <see cref="PermissionGrant.RequestId"/> names it.</summary>
    Request,
    /// <summary>Given by an ownership transfer.</summary>
    Ownership,
}

/// <summary>
/// One permission a user holds on one platform and where it came from — who gave it, when, through what — and, for a
/// temporary grant, when it ends by itself. The held set itself stays in <see cref="Hesh.Core.Users.HeshUser.WebAccess"/>
/// and <see cref="Hesh.Core.Users.HeshUser.MobileAccess"/>; this row only explains it, so a key held without a row (granted
/// before sources were recorded, or a default) is still held. Ends are enforced by the expiry job, which switches the key
/// off through the usual write path.
/// </summary>
public sealed class PermissionGrant
{
    public const int NameMaxLength = 120;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CompanyId { get; init; }
    public string UserId { get; init; } = "";
    public Platform Platform { get; init; }
    public PermissionKey Key { get; init; }
    /// <summary>For the task edit level: the level this grant gave.</summary>
    public TaskScope? Level { get; set; }
    /// <summary>For a temporary task edit level: the level the user goes back to when it ends.</summary>
    public TaskScope? RevertTo { get; set; }
    public GrantSource Source { get; set; }
    /// <summary>The template's position or the user copied from, by name at the time.</summary>
    public string? SourceName { get; set; }
    public string? GrantedById { get; set; }
    public string GrantedByName { get; set; } = "";
    public DateTime GrantedAt { get; set; }
    /// <summary>When a temporary grant ends; null for one that stays until someone switches it off.</summary>
    public DateTime? EndsAt { get; set; }
    public Guid? RequestId { get; set; }

    public bool IsTemporary => EndsAt is not null;
}
