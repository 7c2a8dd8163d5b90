using Hesh.Core.Common;
using Hesh.Core.Webhooks;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;

namespace Hesh.Tests.Webhooks;

/// <summary>The durable queue on SQLite (the default store).</summary>
public sealed class WebhookQueueTests(QueueHost fixture) : WebhookQueueCases(fixture), IClassFixture<QueueHost>;

/// <summary>The durable queue on PostgreSQL, as several nodes share it.</summary>
public sealed class PostgresWebhookQueueTests(PostgresQueueHost fixture) : WebhookQueueCases(fixture), IClassFixture<PostgresQueueHost>;

/// <summary>The durable queue: backoff under a fake clock, Failed after 24 hours, Resend, a node dying mid-delivery, two nodes.</summary>
public abstract class WebhookQueueCases(QueueHost fixture) : IAsyncLifetime
{
    private AppHost Host => fixture.Host;
    private WebhookReceiver _receiver = default!;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipUnless(fixture.Available, "PostgreSQL is not configured (HESH_TEST_POSTGRES); test.sh sets it.");
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }

    [Fact]
    public void Backoff_Is30s_2min_10min_30min_1h_2h_Then4h() =>
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1),
            TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(4)], Enumerable.Range(1, 8).Select(WebhookDispatcher.DelayAfter));

    [Fact]
    public async Task FailingReceiver_IsRetriedWithBackoff_ThenFailedAfter24Hours()
    {
        var company = await Host.CreateCompanyAsync();
        var (url, endpointId, _) = await Host.AddEndpointAsync(company.OwnerId, _receiver, WebhookEvents.UserCreated);
        _receiver.StatusCode = 500;
        await Host.InviteAsync(company, "Fred");
        var clock = ManualClock.AtNow();
        var dispatcher = fixture.Dispatcher(clock);

        await dispatcher.DeliverDueAsync(TestContext.Current.CancellationToken);
        var first = Assert.Single(await Host.DeliveriesAsync(endpointId));
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, 500), (first.Status, first.Attempts, first.LastStatusCode));
        Assert.Equal(clock.Now.UtcDateTime.AddSeconds(30), first.NextAttemptAt, TimeSpan.FromSeconds(1));
        Assert.Equal("The receiver answered HTTP 500.", first.LastError);

        // Not due yet: nothing is sent before the backoff ends.
        clock.Advance(TimeSpan.FromSeconds(29));
        await dispatcher.DeliverDueAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, (await Host.DeliveriesAsync(endpointId))[0].Attempts);

        var waits = new List<TimeSpan>();
        while ((await Host.DeliveriesAsync(endpointId))[0] is { Status: WebhookDeliveryStatus.Pending } pending)
        {
            waits.Add(pending.NextAttemptAt - pending.LastAttemptAt!.Value);
            clock.Advance(new DateTimeOffset(DateTime.SpecifyKind(pending.NextAttemptAt, DateTimeKind.Utc)) - clock.Now);
            await dispatcher.DeliverDueAsync(TestContext.Current.CancellationToken);
            Assert.True(waits.Count < 50, "Never gave up.");
        }

        var failed = Assert.Single(await Host.DeliveriesAsync(endpointId));
        Assert.Equal(WebhookDeliveryStatus.Failed, failed.Status);
        Assert.Equal(failed.CreatedAt.AddHours(24), failed.LastAttemptAt!.Value, TimeSpan.FromSeconds(2));
        Assert.Equal([30, 120, 600, 1800, 3600, 7200], waits.Take(6).Select(w => (int)Math.Round(w.TotalSeconds)));
        Assert.Equal(failed.Attempts, _receiver.At(url).Count);
        Assert.All(_receiver.At(url), r => Assert.True(r.SignatureValid));
        // Every attempt carries the same event id, so a receiver can drop duplicates.
        Assert.Single(_receiver.At(url).Select(r => r.Delivery).Distinct());
    }

    [Fact]
    public async Task Resend_QueuesTheSameEventAgain_AndItIsDelivered()
    {
        var company = await Host.CreateCompanyAsync();
        var (url, endpointId, _) = await Host.AddEndpointAsync(company.OwnerId, _receiver, WebhookEvents.UserCreated);
        _receiver.StatusCode = 503;
        await Host.InviteAsync(company, "Rita");
        var clock = ManualClock.AtNow();
        var dispatcher = fixture.Dispatcher(clock);
        await dispatcher.DeliverDueAsync(TestContext.Current.CancellationToken);
        var original = Assert.Single(await Host.DeliveriesAsync(endpointId));
        clock.Advance(TimeSpan.FromHours(25));
        await dispatcher.DeliverDueAsync(TestContext.Current.CancellationToken);
        Assert.Equal(WebhookDeliveryStatus.Failed, (await Host.DeliveriesAsync(endpointId))[0].Status);

        _receiver.StatusCode = 204;
        Assert.True((await Host.Call<WebhookService, Result>(s => s.ResendAsync(company.OwnerId, original.Id))).Succeeded);
        await fixture.Dispatcher(TimeProvider.System).DeliverDueAsync(TestContext.Current.CancellationToken);

        var rows = await Host.DeliveriesAsync(endpointId);
        Assert.Equal([WebhookDeliveryStatus.Failed, WebhookDeliveryStatus.Delivered], rows.Select(r => r.Status));
        Assert.Equal(original.EventId, rows[1].EventId);
        Assert.Equal(204, rows[1].LastStatusCode);
        Assert.Equal(3, _receiver.At(url).Count);
        Assert.Single(_receiver.At(url).Select(r => r.Delivery).Distinct());
    }

    [Fact]
    public async Task RestartMidQueue_LosesNothing_TheNextNodeDeliversWhenTheLeaseEnds()
    {
        var company = await Host.CreateCompanyAsync();
        var (url, endpointId, _) = await Host.AddEndpointAsync(company.OwnerId, _receiver, WebhookEvents.UserCreated);
        await Host.InviteAsync(company, "Otto");
        await Host.InviteAsync(company, "Olaf");
        Assert.Equal(2, (await Host.DeliveriesAsync(endpointId)).Count);
        var clock = ManualClock.AtNow();

        // Node A claims the rows and dies mid-POST.
        var hanging = new HangingSender(expected: 2, only: url);
        using (var dies = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            var running = fixture.Dispatcher(clock, hanging).DeliverDueAsync(dies.Token);
            await hanging.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            await dies.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        }
        Assert.All(await Host.DeliveriesAsync(endpointId), d => Assert.Equal((WebhookDeliveryStatus.Pending, 0), (d.Status, d.Attempts)));

        // Node B, started after: the rows are A's until the lease ends, then B's.
        var b = fixture.Dispatcher(clock);
        await b.DeliverDueAsync(TestContext.Current.CancellationToken);
        Assert.Empty(_receiver.At(url));
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await b.DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.All(await Host.DeliveriesAsync(endpointId), d => Assert.Equal(WebhookDeliveryStatus.Delivered, d.Status));
        Assert.Equal(2, _receiver.At(url).Count);
        Assert.Equal(["Olaf Hooked", "Otto Hooked"], _receiver.At(url).Select(r => r.Payload.Data.FullName).Order());
    }

    [Fact]
    public async Task TwoNodesAtOnce_SendEachRowOnce()
    {
        var company = await Host.CreateCompanyAsync();
        var (url, endpointId, _) = await Host.AddEndpointAsync(company.OwnerId, _receiver, WebhookEvents.UserCreated);
        for (var i = 0; i < 8; i++)
        {
            await Host.InviteAsync(company, $"Twin{(char)('a' + i)}");
        }

        var (a, b) = (fixture.Dispatcher(TimeProvider.System), fixture.Dispatcher(TimeProvider.System));
        while ((await Task.WhenAll(a.DeliverDueAsync(TestContext.Current.CancellationToken), b.DeliverDueAsync(TestContext.Current.CancellationToken))).Sum() > 0)
        {
        }

        Assert.All(await Host.DeliveriesAsync(endpointId), d => Assert.Equal((WebhookDeliveryStatus.Delivered, 1), (d.Status, d.Attempts)));
        Assert.Equal(8, _receiver.At(url).Count);
        Assert.Equal(8, _receiver.At(url).Select(r => r.Delivery).Distinct().Count());
    }

    [Fact]
    public async Task ARound_SendsAFewRowsPerEndpoint_SoOneCompanysFloodDoesNotHoldAnothersEvent()
    {
        var flooding = await Host.CreateCompanyAsync();
        var quiet = await Host.CreateCompanyAsync();
        var (floodUrl, floodEndpoint, _) = await Host.AddEndpointAsync(flooding.OwnerId, _receiver, WebhookEvents.UserCreated);
        for (var i = 0; i < 6; i++)
        {
            await Host.InviteAsync(flooding, $"Flood{(char)('a' + i)}");
        }
        var (quietUrl, _, _) = await Host.AddEndpointAsync(quiet.OwnerId, _receiver, WebhookEvents.UserCreated);
        await Host.InviteAsync(quiet, "Quinn");

        await fixture.Dispatcher(TimeProvider.System).DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Single(_receiver.At(quietUrl));
        Assert.Equal(WebhookDispatcher.PerEndpoint, _receiver.At(floodUrl).Count);
        Assert.Equal(6 - WebhookDispatcher.PerEndpoint, (await Host.DeliveriesAsync(floodEndpoint)).Count(d => d.Status == WebhookDeliveryStatus.Pending));

        // The following rounds send the rest; nothing is left due for the other cases sharing this store.
        while (await fixture.Dispatcher(TimeProvider.System).DeliverDueAsync(TestContext.Current.CancellationToken) > 0)
        {
        }
        Assert.Equal(6, _receiver.At(floodUrl).Count);
    }

    [Fact]
    public async Task RowsQueuedBeforeAnEndpointWasDisabled_AreNotSent_AndSaySo()
    {
        var company = await Host.CreateCompanyAsync();
        var (url, endpointId, _) = await Host.AddEndpointAsync(company.OwnerId, _receiver, WebhookEvents.UserCreated);
        await Host.InviteAsync(company, "Dina");
        Assert.True((await Host.Call<WebhookService, Result>(s => s.SetEnabledAsync(company.OwnerId, endpointId, false))).Succeeded);

        await fixture.Dispatcher(TimeProvider.System).DeliverDueAsync(TestContext.Current.CancellationToken);

        var row = Assert.Single(await Host.DeliveriesAsync(endpointId));
        Assert.Equal((WebhookDeliveryStatus.Failed, "Not sent: the endpoint was disabled."), (row.Status, row.LastError));
        Assert.Empty(_receiver.At(url));
        Assert.False((await Host.Call<WebhookService, Result>(s => s.ResendAsync(company.OwnerId, row.Id))).Succeeded);
    }

    [Fact]
    public async Task ARedirect_IsNotFollowed_AndCountsAsAFailure()
    {
        var company = await Host.CreateCompanyAsync();
        var (url, endpointId, _) = await Host.AddEndpointAsync(company.OwnerId, _receiver, WebhookEvents.UserCreated);
        _receiver.StatusCode = 307;
        await Host.InviteAsync(company, "Reda");

        await fixture.Dispatcher(TimeProvider.System).DeliverDueAsync(TestContext.Current.CancellationToken);

        var row = Assert.Single(await Host.DeliveriesAsync(endpointId));
        Assert.Equal((WebhookDeliveryStatus.Pending, 307), (row.Status, row.LastStatusCode));
        Assert.Single(_receiver.At(url));
    }

    [Fact]
    public async Task ConnectTimeGuard_RefusesLoopback_WhenNotAllowed_EvenThoughItAnswers()
    {
        using var strict = new HttpClient(WebhookHttp.CreateHandler(allowLoopback: false));
        var sender = new HttpWebhookSender(strict);
        var url = _receiver.NewUrl();

        var response = await sender.SendAsync(new Uri(url), "{}", new Dictionary<string, string>(), TestContext.Current.CancellationToken);
        var byName = await sender.SendAsync(new Uri(url.Replace("127.0.0.1", "localhost")), "{}", new Dictionary<string, string>(), TestContext.Current.CancellationToken);

        Assert.Null(response.StatusCode);
        Assert.Contains("loopback", response.Error);
        Assert.Null(byName.StatusCode);
        Assert.Contains("loopback", byName.Error);
        Assert.Empty(_receiver.At(url));
        using var allowed = new HttpClient(WebhookHttp.CreateHandler(allowLoopback: true));
        Assert.Equal(200, (await new HttpWebhookSender(allowed).SendAsync(new Uri(url), "{}", new Dictionary<string, string>(), TestContext.Current.CancellationToken)).StatusCode);
    }
}
