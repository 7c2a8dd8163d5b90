using Hesh.Core.Common;
using Hesh.Core.Users;
using Hesh.Core.Webhooks;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Webhooks;

/// <summary>One-line steps of the webhook tests, through the same Core services the Company profile calls.</summary>
public static class WebhookSteps
{
    /// <summary>Adds an endpoint on the receiver and tells the receiver its secret; returns the endpoint's url and id.</summary>
    public static async Task<(string Url, Guid Id, string Secret)> AddEndpointAsync(this AppHost host, string actorId, WebhookReceiver receiver,
        WebhookEvents events = WebhookEventTypes.All)
    {
        var url = receiver.NewUrl();
        var added = await host.Call<WebhookService, Result<WebhookSecret>>(s => s.AddAsync(actorId, new WebhookInput(url, "Test receiver", events)));
        Assert.True(added.Succeeded, added.Error + string.Join("; ", added.FieldErrors.Values));
        receiver.Trust(url, added.Value!.Secret);
        return (url, added.Value.EndpointId, added.Value.Secret);
    }

    public static async Task<string> InviteAsync(this AppHost host, TestCompany company, string first)
    {
        var email = $"{first.ToLowerInvariant()}-{company.Tag}-{Guid.NewGuid().ToString("N")[..4]}@test.hesh";
        var invited = await host.Call<UserAdministration, Result<string>>(s => s.InviteAsync(company.OwnerId,
            new InviteUserInput { Email = email, FirstName = first, LastName = "Hooked" }));
        Assert.True(invited.Succeeded, invited.Error);
        return invited.Value!;
    }

    public static Task<List<WebhookDelivery>> DeliveriesAsync(this AppHost host, Guid endpointId) =>
        host.DbAsync(db => db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId).OrderBy(d => d.Id).ToListAsync());

    /// <summary>The webhook tables of the given companies, one row a line: with <see cref="DbFingerprint"/>, what an attack could change.</summary>
    public static Task<string> FingerprintAsync(AppHost host, params Guid[] companies) =>
        host.DbAsync(async db =>
        {
            var lines = new List<string>();
            foreach (var e in await db.WebhookEndpoints.AsNoTracking().Where(e => companies.Contains(e.CompanyId)).OrderBy(e => e.Id).ToListAsync())
            {
                lines.Add($"endpoint {e.Id}|{e.CompanyId}|{e.Url}|{e.Description}|{e.Events}|{e.Enabled}|{e.ProtectedSecret}");
            }
            foreach (var d in await db.WebhookDeliveries.AsNoTracking().Where(d => companies.Contains(d.CompanyId)).OrderBy(d => d.Id).ToListAsync())
            {
                lines.Add($"delivery {d.Id}|{d.EndpointId}|{d.Event}|{d.EventId}|{d.Status}|{d.Attempts}|{d.NextAttemptAt:O}");
            }
            return string.Join("\n", lines) + "\n" + await DbFingerprint.TakeAsync(host, companies);
        });
}
