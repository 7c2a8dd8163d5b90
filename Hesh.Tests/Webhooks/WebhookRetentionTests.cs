using Hesh.Core.Webhooks;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hesh.Tests.Webhooks;

public sealed class WebhookRetentionTests(AppHost host)
{
    [Fact]
    public async Task Answered_deliveries_older_than_30_days_are_forgotten_pending_and_recent_ones_stay()
    {
        var company = await host.CreateCompanyAsync();
        var now = DateTime.UtcNow;
        var endpoint = new WebhookEndpoint { Id = Guid.NewGuid(), CompanyId = company.Id, Url = "https://hooks.example.com/x", CreatedAt = now };
        WebhookDelivery Row(WebhookDeliveryStatus status, int daysAgo) => new()
        {
            EndpointId = endpoint.Id, CompanyId = company.Id, Event = "user.created", EventId = Guid.NewGuid(), Payload = "{}",
            CreatedAt = now.AddDays(-daysAgo), Status = status, NextAttemptAt = now,
        };
        await host.DbAsync(async db =>
        {
            db.WebhookEndpoints.Add(endpoint);
            db.WebhookDeliveries.AddRange(Row(WebhookDeliveryStatus.Delivered, 40), Row(WebhookDeliveryStatus.Failed, 31),
                Row(WebhookDeliveryStatus.Pending, 40), Row(WebhookDeliveryStatus.Delivered, 29));
            return await db.SaveChangesAsync();
        });
        var retention = new WebhookRetention(host.Services.GetRequiredService<IServiceScopeFactory>(),
            host.Services.GetRequiredService<IOptions<WebhookOptions>>(), NullLogger<WebhookRetention>.Instance);

        await retention.RunDueAsync(now);
        var second = await retention.RunDueAsync(now.AddMinutes(5));

        var left = await host.DbAsync(db => db.WebhookDeliveries.Where(d => d.EndpointId == endpoint.Id).Select(d => d.Status).ToListAsync());
        Assert.Equal([WebhookDeliveryStatus.Pending, WebhookDeliveryStatus.Delivered], left.Order());
        Assert.Equal(0, second);
    }
}
