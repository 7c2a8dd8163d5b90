using System.Collections.Concurrent;
using Hesh.Core.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hesh.Tests.Webhooks;

/// <summary>One POST as the receiver saw it, with whether its signature checked out against the secret it was given.</summary>
public sealed record Received(string Path, string Body, string? Signature, string? Event, string? Delivery, bool SignatureValid)
{
    public WebhookPayload Payload => WebhookPayload.Parse(Body)!;
}

/// <summary>
/// A webhook receiver on a loopback Kestrel port, as a customer's system would run one: it checks each delivery's
/// Hesh-Signature with the secret it is told (per path), records it, and answers <see cref="StatusCode"/>.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _secrets = new();
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public int StatusCode { get; set; } = 200;
    public Uri BaseAddress { get; private set; } = default!;
    public IReadOnlyCollection<Received> All => _received;

    private WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/{**path}", async (HttpContext http, string? path) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var signature = http.Request.Headers[WebhookSigner.SignatureHeader].ToString();
            var valid = _secrets.TryGetValue("/" + path, out var secret)
                && WebhookSigner.Verify(secret, signature, body, DateTimeOffset.UtcNow, TimeSpan.FromDays(3));
            _received.Enqueue(new Received("/" + path, body, signature, http.Request.Headers[WebhookSigner.EventHeader],
                http.Request.Headers[WebhookSigner.DeliveryHeader], valid));
            _arrived.Release();
            return Results.StatusCode(StatusCode);
        });
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    /// <summary>A fresh path on this receiver, for one endpoint.</summary>
    public string NewUrl() => new Uri(BaseAddress, $"/hooks/{Guid.NewGuid():N}").ToString();

    public void Trust(string url, string secret) => _secrets[new Uri(url).AbsolutePath] = secret;

    public IReadOnlyList<Received> At(string url) => _received.Where(r => r.Path == new Uri(url).AbsolutePath).ToList();

    /// <summary>Waits (on arrivals, not on a clock) until the receiver holds what <paramref name="done"/> asks for.</summary>
    public async Task<IReadOnlyList<Received>> WaitAsync(string url, Func<IReadOnlyList<Received>, bool> done, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (!done(At(url)))
        {
            try
            {
                await _arrived.WaitAsync(TimeSpan.FromMilliseconds(500), cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The receiver never got what was expected at {url}; it has {At(url).Count} deliveries.");
            }
        }
        return At(url);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
