namespace Hesh.Core.Permissions;

/// <summary>
/// One row of the catalogue. <see cref="Parent"/> means "this one implies its parent": an edit implies its view,
/// the task edit level implies Tasks view. <see cref="AlwaysOn"/> lists the platforms where it cannot be switched off;
/// <see cref="DefaultOn"/> where a new user gets it.
/// </summary>
public sealed record Permission(
    PermissionKey Key,
    string Title,
    string Group,
    string Description,
    PermissionKey? Parent = null,
    Platforms AlwaysOn = Platforms.None,
    Platforms DefaultOn = Platforms.None,
    bool IsLevel = false)
{
    public bool IsAlwaysOn(Platform platform) => AlwaysOn.HasFlag(platform.AsFlag());
}
