using Hesh.Core.Users;

namespace Hesh.Core.Permissions;

/// <summary>The user whose permissions change, as the rules see them.</summary>
public sealed record Member(string Id, bool IsAdmin, bool IsOwner, UserStatus Status)
;
