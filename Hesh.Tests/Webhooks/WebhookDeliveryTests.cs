using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Data;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Core.Webhooks;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hesh.Tests.Webhooks;

/// <summary>End to end on the shared host, whose dispatcher runs: a change commits, a loopback receiver gets it signed.</summary>
public sealed class WebhookDeliveryTests(AppHost host) : IAsyncLifetime
{
    private WebhookReceiver _receiver = default!;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public void DevelopmentHost_AllowsLoopbackReceivers() =>
        Assert.True(host.Services.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowLoopback);

    [Fact]
    public async Task InvitingAUser_DeliversUserCreated_SignedWithTheEndpointsSecret()
    {
        var company = await host.CreateCompanyAsync();
        var (url, endpointId, _) = await host.AddEndpointAsync(company.OwnerId, _receiver, WebhookEvents.UserCreated);

        var userId = await host.InviteAsync(company, "Ivy");

        var received = Assert.Single(await _receiver.WaitAsync(url, r => r.Count >= 1));
        Assert.True(received.SignatureValid, received.Signature);
        Assert.Equal("user.created", received.Event);
        var payload = received.Payload;
        Assert.Equal("user.created", payload.Type);
        Assert.Equal(company.Id, payload.CompanyId);
        Assert.Equal(userId, payload.Data.UserId);
        Assert.Equal("Ivy Hooked", payload.Data.FullName);
        Assert.Equal("Olga Owner", payload.Data.Actor);
        Assert.Equal(payload.Id.ToString(), received.Delivery);
        Assert.True(DateTimeOffset.TryParse(payload.CreatedAt, out _), payload.CreatedAt);
        var delivery = await WaitForStatusAsync(endpointId, WebhookDeliveryStatus.Delivered);
        Assert.Equal(200, delivery.LastStatusCode);
        Assert.Equal(1, delivery.Attempts);
        Assert.NotNull(delivery.LastDurationMs);
    }

    [Fact]
    public async Task AnEndpoint_ReceivesOnlyTheEventsItChose()
    {
        var company = await host.CreateCompanyAsync();
        var (created, _, _) = await host.AddEndpointAsync(company.OwnerId, _receiver, WebhookEvents.UserCreated);
        var (positions, positionsId, _) = await host.AddEndpointAsync(company.OwnerId, _receiver, WebhookEvents.UserPositionChanged);

        var userId = await host.InviteAsync(company, "Pia");
        await _receiver.WaitAsync(created, r => r.Count >= 1);

        Assert.Empty(await host.DeliveriesAsync(positionsId));
        Assert.Empty(_receiver.At(positions));
        _ = userId;
    }

    [Fact]
    public async Task AssigningADepartmentAndPosition_IsAuditedAsTwoPositionChanges_AndDelivered()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Pete");
        Assert.True((await host.Call<PositionService, Result>(s => s.AddPositionAsync(company.OwnerId, "Welder"))).Succeeded);
        Assert.True((await host.Call<PositionService, Result>(s => s.AddDepartmentAsync(company.OwnerId, "Assembly", null))).Succeeded);
        var assembly = await host.DbAsync(db => db.Departments.Where(d => d.CompanyId == company.Id).Select(d => d.Id).SingleAsync());
        Assert.True((await host.Call<PositionService, Result>(s => s.AddDepartmentAsync(company.OwnerId, "Welding", assembly))).Succeeded);
        var welding = await host.DbAsync(db => db.Departments.Where(d => d.CompanyId == company.Id && d.ParentId == assembly).Select(d => d.Id).SingleAsync());
        var position = await host.DbAsync(db => db.Positions.Where(p => p.CompanyId == company.Id).Select(p => p.Id).SingleAsync());
        var (url, _, _) = await host.AddEndpointAsync(company.OwnerId, _receiver, WebhookEvents.UserPositionChanged);

        Assert.True((await host.Call<PositionService, Result>(s => s.AssignAsync(company.OwnerId, user.Id, welding, position))).Succeeded);
        // Setting the same again changes nothing, so it tells nothing.
        Assert.True((await host.Call<PositionService, Result>(s => s.AssignAsync(company.OwnerId, user.Id, welding, position))).Succeeded);

        var received = await _receiver.WaitAsync(url, r => r.Count >= 2);
        Assert.Equal(2, received.Count);
        Assert.All(received, r => Assert.Equal("user.position_changed", r.Payload.Type));
        Assert.Equal([("Department", "none", "Assembly › Welding"), ("Position", "none", "Welder")],
            received.Select(r => (r.Payload.Data.Change, r.Payload.Data.Before, r.Payload.Data.After)).OrderBy(c => c.Change));
        var entries = await host.DbAsync(db => db.AuditEntries.Where(e => e.CompanyId == company.Id && e.Action == AuditAction.PositionChanged).ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(user.Id, e.SubjectId));
    }

    [Fact]
    public async Task AnotherCompanysEndpoint_NeverReceives()
    {
        var mine = await host.CreateCompanyAsync();
        var theirs = await host.CreateCompanyAsync();
        var (myUrl, _, _) = await host.AddEndpointAsync(mine.OwnerId, _receiver);
        var (theirUrl, theirId, _) = await host.AddEndpointAsync(theirs.OwnerId, _receiver);

        await host.InviteAsync(mine, "Mia");
        await _receiver.WaitAsync(myUrl, r => r.Count >= 1);

        Assert.Empty(_receiver.At(theirUrl));
        Assert.Empty(await host.DeliveriesAsync(theirId));
    }

    [Fact]
    public async Task ARolledBackChange_IsNeverQueued_NorSent()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Rolf");
        var (url, endpointId, _) = await host.AddEndpointAsync(company.OwnerId, _receiver, WebhookEvents.UserStatusChanged);

        await host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<HeshDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var subject = await db.Users.SingleAsync(u => u.Id == user.Id);
            AuditLog.Record(db, DateTime.UtcNow, null, subject, AuditAction.StatusChanged, "Status", "Active", "Rolled back");
            await db.SaveChangesAsync();
            Assert.Single(await db.WebhookDeliveries.Where(d => d.EndpointId == endpointId).ToListAsync()); // inside the transaction
            await transaction.RollbackAsync();
        });
        // A committed change after it: once it arrives, the rolled-back one has had every chance to.
        await host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<HeshDbContext>();
            AuditLog.Record(db, DateTime.UtcNow, null, await db.Users.SingleAsync(u => u.Id == user.Id), AuditAction.StatusChanged, "Status", "Active", "Committed");
            await db.SaveChangesAsync();
        });

        var received = Assert.Single(await _receiver.WaitAsync(url, r => r.Count >= 1));
        Assert.Equal("Committed", received.Payload.Data.After);
        Assert.Equal("Committed", WebhookPayload.Parse(Assert.Single(await host.DeliveriesAsync(endpointId)).Payload)!.Data.After);
    }

    [Fact]
    public async Task ADisabledEndpoint_GetsNothingQueued()
    {
        var company = await host.CreateCompanyAsync();
        var (url, endpointId, _) = await host.AddEndpointAsync(company.OwnerId, _receiver);
        Assert.True((await host.Call<WebhookService, Result>(s => s.SetEnabledAsync(company.OwnerId, endpointId, false))).Succeeded);

        await host.InviteAsync(company, "Dora");

        Assert.Empty(await host.DeliveriesAsync(endpointId));
        Assert.Empty(_receiver.At(url));
    }

    [Fact]
    public async Task ImportedUser_IsToldAsCreatedAndImported_WithOneEventIdPerEvent()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Imke", UserStatus.Pending);
        var (url, endpointId, _) = await host.AddEndpointAsync(company.OwnerId, _receiver);

        await host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<HeshDbContext>();
            AuditLog.Record(db, DateTime.UtcNow, null, await db.Users.SingleAsync(u => u.Id == user.Id), AuditAction.UserImported, "Import from users.csv");
            await db.SaveChangesAsync();
        });

        var received = await _receiver.WaitAsync(url, r => r.Count >= 2);
        Assert.Equal(["user.created", "user.imported"], received.Select(r => r.Event!).Order());
        Assert.Equal(2, received.Select(r => r.Payload.Id).Distinct().Count());
        Assert.Equal(2, (await host.DeliveriesAsync(endpointId)).Count);
    }

    private async Task<WebhookDelivery> WaitForStatusAsync(Guid endpointId, WebhookDeliveryStatus status)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await host.DeliveriesAsync(endpointId)).FirstOrDefault(d => d.Status == status) is { } found)
            {
                return found;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No delivery became {status}.");
    }
}
