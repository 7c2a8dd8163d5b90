using Hesh.Core.Webhooks;
using Microsoft.AspNetCore.DataProtection;

namespace Hesh.Web.Webhooks;

/// <summary>Endpoint secrets protected with the DB-backed key ring every node shares, so any node can sign.</summary>
public sealed class DataProtectionWebhookSecrets(IDataProtectionProvider provider) : IWebhookSecrets
{
    private readonly IDataProtector _protector = provider.CreateProtector("Hesh.Webhooks.Secret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
