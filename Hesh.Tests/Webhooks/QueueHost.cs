using Hesh.Core.Webhooks;
using Hesh.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hesh.Tests.Webhooks;

/// <summary>
/// A host whose own dispatcher loop is off: each test runs dispatchers it makes itself, on a clock it moves — several
/// nodes, a node that dies mid-delivery, 24 hours of retries in a moment.
/// </summary>
public sealed class QueueHost : IAsyncLifetime
{
    public AppHost Host { get; } = new(new Dictionary<string, string>
    {
        ["Hesh:Webhooks:Dispatch"] = "false",
        ["Hesh:Webhooks:AllowLoopback"] = "true",
    });

    public ValueTask InitializeAsync() => Host.InitializeAsync();

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    /// <summary>A dispatcher as one node runs it, on <paramref name="clock"/>; <paramref name="sender"/> replaces the HTTP sender.</summary>
    public WebhookDispatcher Dispatcher(TimeProvider clock, IWebhookSender? sender = null) =>
        new(sender is null ? Host.Services.GetRequiredService<IServiceScopeFactory>() : new WithSender(Host.Services.GetRequiredService<IServiceScopeFactory>(), sender),
            clock, Host.Services.GetRequiredService<IOptions<WebhookOptions>>(), NullLogger<WebhookDispatcher>.Instance);

    private sealed class WithSender(IServiceScopeFactory inner, IWebhookSender sender) : IServiceScopeFactory
    {
        public IServiceScope CreateScope() => new Scope(inner.CreateScope(), sender);

        private sealed class Scope(IServiceScope inner, IWebhookSender sender) : IServiceScope, IServiceProvider, IAsyncDisposable
        {
            public IServiceProvider ServiceProvider => this;
            public object? GetService(Type serviceType) => serviceType == typeof(IWebhookSender) ? sender : inner.ServiceProvider.GetService(serviceType);
            public void Dispose() => inner.Dispose();
            public ValueTask DisposeAsync() => inner is IAsyncDisposable a ? a.DisposeAsync() : ValueTask.CompletedTask;
        }
    }
}

/// <summary>A node that dies mid-delivery: the POST never completes, until the node's work is cancelled.</summary>
public sealed class HangingSender : IWebhookSender
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<WebhookResponse> SendAsync(Uri url, string body, IReadOnlyDictionary<string, string> headers, CancellationToken ct)
    {
        Started.TrySetResult();
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    }
}
