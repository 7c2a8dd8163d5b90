using Hesh.Core.Permissions;

namespace Hesh.Web.Components.Pages.Users;

public sealed record GrantToggle(PermissionKey Key, bool On);

/// <summary>"Grant until…" chosen: the key (or, for the task edit level, <paramref name="Level"/>) until <paramref name="EndsAt"/> (UTC).</summary>
public sealed record GrantUntil(PermissionKey Key, DateTime EndsAt, TaskScope? Level = null);

/// <summary>A temporary grant's end moved (<see cref="EndsAt"/>) or, with null, ended now.</summary>
public sealed record TemporaryChange(PermissionKey Key, DateTime? EndsAt);
