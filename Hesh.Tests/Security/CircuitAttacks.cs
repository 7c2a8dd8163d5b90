using System.Net;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Live;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hesh.Tests.Security;

/// <summary>
/// Exhausting server memory with circuits: every <c>/_blazor</c> connection is a circuit, a whole component tree kept
/// in memory, and one signed-in user once held 550 of them (RSS 377 → 1,132 MB), an anonymous client 200. Live
/// connections are capped per user and per anonymous client address (Hesh:Circuits, 20 each by default): beyond the cap
/// the negotiate answers 429 and a connection that slips past it is closed as it opens; a closed tab frees its place.
/// </summary>
public sealed class CircuitAttacks(AppHost host)
{
    private CircuitLimits Limits => host.Services.GetRequiredService<IOptions<CircuitLimits>>().Value;

    [Fact]
    public async Task A_user_at_the_cap_of_open_tabs_cannot_open_another_until_one_closes()
    {
        var company = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);
        var sockets = new LiveSockets(host, session.Cookies);
        var open = await OpenAsync(sockets, Limits.MaxPerUser);
        try
        {
            var before = await DbFingerprint.TakeAsync(host, company.Id);

            var beyond = await EventuallyAsync(() => sockets.NegotiateAsync(LiveSockets.Blazor), n => n.Status == HttpStatusCode.TooManyRequests);
            var (skipped, skippedSocket) = await sockets.UpgradeAsync(LiveSockets.Blazor, token: null);
            skippedSocket.Dispose();

            Assert.Equal(HttpStatusCode.TooManyRequests, beyond.Status);
            Assert.Contains("Too many open Hesh tabs", beyond.Body);
            Assert.Equal(HttpStatusCode.TooManyRequests, skipped);
            Assert.All(open, c => Assert.True(c.IsOpen));
            Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));

            await open[0].DisposeAsync();
            open.RemoveAt(0);
            await EventuallyAsync(() => sockets.NegotiateAsync(LiveSockets.Blazor), n => n.Status == HttpStatusCode.OK);
            var (again, refusal) = await sockets.OpenCircuitConnectionAsync();
            Assert.True(again is not null, refusal);
            open.Add(again!);
        }
        finally
        {
            await Task.WhenAll(open.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task A_connection_negotiated_before_the_cap_was_reached_is_closed_as_it_opens_beyond_it()
    {
        var company = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);
        var sockets = new LiveSockets(host, session.Cookies);
        var open = await OpenAsync(sockets, Limits.MaxPerUser - 1);
        // Negotiated last thing under the cap: a token not used within 15 seconds would be dropped by SignalR.
        var (_, spare, _) = await sockets.NegotiateAsync(LiveSockets.Blazor);
        open.AddRange(await OpenAsync(sockets, 1));
        try
        {
            await EventuallyAsync(() => sockets.NegotiateAsync(LiveSockets.Blazor), n => n.Status == HttpStatusCode.TooManyRequests);

            var (refused, refusal) = await sockets.OpenCircuitConnectionAsync(spare, settle: TimeSpan.FromSeconds(5));

            Assert.Null(refused);
            Assert.Contains("Too many open Hesh tabs", refusal);
        }
        finally
        {
            await Task.WhenAll(open.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task An_anonymous_address_at_the_cap_cannot_open_another_while_other_addresses_can()
    {
        var address = $"10.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";
        var sockets = new LiveSockets(host, clientAddress: address);
        var open = await OpenAsync(sockets, Limits.MaxPerAnonymousAddress);
        try
        {
            var beyond = await EventuallyAsync(() => sockets.NegotiateAsync(LiveSockets.Blazor), n => n.Status == HttpStatusCode.TooManyRequests);
            var elsewhere = await new LiveSockets(host, clientAddress: "192.0.2.77").NegotiateAsync(LiveSockets.Blazor);

            Assert.Equal(HttpStatusCode.TooManyRequests, beyond.Status);
            Assert.Equal(HttpStatusCode.OK, elsewhere.Status);
        }
        finally
        {
            await Task.WhenAll(open.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public void Dropped_tabs_are_kept_fewer_and_shorter_than_blazors_defaults()
    {
        var options = host.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;

        Assert.Equal(100, options.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromMinutes(1), options.DisconnectedCircuitRetentionPeriod);
    }

    private static async Task<List<LiveConnection>> OpenAsync(LiveSockets sockets, int count)
    {
        var open = new List<LiveConnection>();
        for (var i = 0; i < count; i++)
        {
            var (socket, refusal) = await sockets.OpenCircuitConnectionAsync();
            Assert.True(socket is not null, $"Connection {i + 1} of {count} was refused: {refusal}");
            open.Add(socket!);
        }
        return open;
    }

    /// <summary>The server counts a connection once its connect step has run, a moment after the handshake answered.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var result = await probe();
            if (done(result) || DateTime.UtcNow > deadline)
            {
                return result;
            }
            await Task.Delay(100);
        }
    }
}
