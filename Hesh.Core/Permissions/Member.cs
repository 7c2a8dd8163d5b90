using Hesh.Core.Users;

namespace Hesh.Core.Permissions;

/// <summary>The user whose permissions change, as the rules see them; <see cref="DepartmentId"/> decides a scoped holder's reach.</summary>
public sealed record Member(string Id, bool IsAdmin, bool IsOwner, UserStatus Status, Guid? DepartmentId = null);
