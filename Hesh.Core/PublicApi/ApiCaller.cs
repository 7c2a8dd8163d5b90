using Hesh.Core.ApiKeys;

namespace Hesh.Core.PublicApi;

/// <summary>The API key a Public API call was made with, as verified for this call.</summary>
public sealed record ApiCaller(Guid KeyId, Guid CompanyId, string Name, ApiScopes Scopes)
{
    /// <summary>The audit log's actor id for the key: never a user's id, so nobody mistakes its changes for their own.</summary>
    public string ActorRef => $"api-key:{KeyId}";
    public string ActorName => $"API key “{Name}”";
    public bool Has(ApiScopes scope) => (ApiKeyAccess.Granted(Scopes) & scope) == scope;
}
