using Microsoft.AspNetCore.Identity;
using Hesh.Core.Companies;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Preferences;

namespace Hesh.Core.Users;

/// <summary>A person of one company. The email is the sign-in name and never changes after creation.</summary>
public sealed class HeshUser : IdentityUser
{
    public const int NameMaxLength = 50;
    public const int ExternalIdMaxLength = 64;
    public const int PhoneMaxLength = 20;
    public const int EmailMaxLength = 254;

    public Guid CompanyId { get; set; }
    public Company? Company { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? ExternalId { get; set; }
    public UserStatus Status { get; set; } = UserStatus.Pending;
    public bool IsAdmin { get; set; }
    /// <summary>"Company owner" with the "System owner" permission; exactly one per company (unique index).</summary>
    public bool IsOwner { get; set; }
    public byte[]? Photo { get; set; }
    public string? PhotoContentType { get; set; }
    public string? InvitationTokenHash { get; set; }
    public DateTime? InvitationExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The last change of the user's row, whoever made it; the Public API's updated_since reads it.</summary>
    public DateTime UpdatedAt { get; set; }
    /// <summary>The last successful sign-in (any method); null for someone who never signed in.</summary>
    public DateTime? LastSignInAt { get; set; }
    /// <summary>Set by an admin: the next sign-in leads to a new password before anything else.</summary>
    public bool MustChangePassword { get; set; }
    public Guid? DepartmentId { get; set; }
    public Department? Department { get; set; }
    public Guid? PositionId { get; set; }
    public Position? Position { get; set; }
    /// <summary>Stored grants; what the user holds is <see cref="Actor.Effective"/> of these.</summary>
    public AccessSet WebAccess { get; set; } = AccessSet.Defaults(Platform.Web);
    public AccessSet MobileAccess { get; set; } = AccessSet.Defaults(Platform.Mobile);
    /// <summary>Bumped by every change of permissions or admin rights; a change made on an older version is refused.</summary>
    public int AccessVersion { get; set; }
    /// <summary>The language chosen in My profile ("en", "uk"); null follows the company's default, then the browser.</summary>
    public string? Language { get; set; }
    /// <summary>An IANA zone chosen in My profile; null follows the company's zone.</summary>
    public string? TimeZone { get; set; }
    public Theme Theme { get; set; } = Theme.System;

    /// <summary>The stored grants of one platform.</summary>
    public AccessSet StoredAccess(Platform platform) => platform == Platform.Web ? WebAccess : MobileAccess;

    public void SetStoredAccess(Platform platform, AccessSet access)
    {
        if (platform == Platform.Web)
        {
            WebAccess = access;
        }
        else
        {
            MobileAccess = access;
        }
    }

    /// <summary>Lower-cased names (both orders), email and phone: one indexed-scan column for the Users search.</summary>
    public string SearchText { get; private set; } = "";

    public void RefreshSearchText() =>
        SearchText = $"{FirstName} {LastName}|{LastName} {FirstName}|{Email}|{PhoneNumber}".ToLowerInvariant();

    public string FullName => $"{FirstName} {LastName}".Trim();
    public string RoleName => IsOwner ? Messages.Say("Company owner") : IsAdmin ? Messages.Say("Admin") : Messages.Say("User");
}
