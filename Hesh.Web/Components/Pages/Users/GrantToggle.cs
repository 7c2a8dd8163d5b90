namespace Hesh.Web.Components.Pages.Users;

public sealed record GrantToggle(Hesh.Core.Permissions.PermissionKey Key, bool On);
