using Hesh.Core.Permissions;
using Hesh.Core.Users;

namespace Hesh.Core.ApiKeys;

/// <summary>Who manages a company's API keys: its owner and its administrators, while active. Nobody else sees them.</summary>
public static class ApiKeyAccess
{
    public static bool CanManage(Actor actor) => actor.Status == UserStatus.Active && (actor.IsAdmin || actor.IsOwner);

    private static readonly (ApiScopes Scope, string Name)[] Names = [(ApiScopes.UsersRead, "users:read"), (ApiScopes.UsersWrite, "users:write")];

    /// <summary>The scope names of the API, as the OpenAPI document and the key list spell them.</summary>
    public static IReadOnlyList<string> ScopeNames(ApiScopes scopes) => [.. Names.Where(n => scopes.HasFlag(n.Scope)).Select(n => n.Name)];

    /// <summary>
    /// users:write includes users:read: every write answers with the person it wrote (and a batch with the people it
    /// skipped), so a write-only key would read anyway — it is given the read it has, not the illusion of none.
    /// </summary>
    public static ApiScopes Granted(ApiScopes chosen) => chosen.HasFlag(ApiScopes.UsersWrite) ? chosen | ApiScopes.UsersRead : chosen;
}
