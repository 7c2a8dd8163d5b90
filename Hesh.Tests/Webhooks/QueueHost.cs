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
public class QueueHost : IAsyncLifetime
{
    private readonly bool _postgres;
    private AppHost? _host;

    public QueueHost() : this(postgres: false)
    {
    }

    protected QueueHost(bool postgres) => _postgres = postgres;

    public AppHost Host => _host ?? throw new InvalidOperationException("PostgreSQL is not configured (HESH_TEST_POSTGRES).");

    public bool Available => !_postgres || !string.IsNullOrEmpty(Hesh.Tests.MultiNode.TwoNodes.Postgres);

    public async ValueTask InitializeAsync()
    {
        if (!Available)
        {
            return;
        }
        var settings = new Dictionary<string, string> { ["Hesh:Webhooks:Dispatch"] = "false", ["Hesh:Webhooks:AllowLoopback"] = "true" };
        if (_postgres)
        {
            settings["Hesh:Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Hesh"] = $"{Hesh.Tests.MultiNode.TwoNodes.Postgres};Database=hesh_hooks_{Guid.NewGuid():N}";
        }
        _host = new AppHost(settings);
        await _host.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            if (_postgres)
            {
                await _host.DbAsync(db => db.Database.EnsureDeletedAsync());
            }
            await _host.DisposeAsync();
        }
    }

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

/// <summary>The same, on PostgreSQL (microsecond timestamps, real row locks): the store of a deployment of several nodes.</summary>
public sealed class PostgresQueueHost() : QueueHost(postgres: true);

/// <summary>A node that dies mid-delivery: the POST never completes, until the node's work is cancelled.</summary>
/// <param name="expected">How many sends make <see cref="Started"/> complete: every row the node claimed is mid-POST.</param>
/// <summary>Never answers; says when <paramref name="expected"/> sends to <paramref name="only"/> (or to anyone) have begun.</summary>
public sealed class HangingSender(int expected, string? only = null) : IWebhookSender
{
    private int _started;

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<WebhookResponse> SendAsync(Uri url, string body, IReadOnlyDictionary<string, string> headers, CancellationToken ct)
    {
        if ((only is null || url.ToString() == only) && Interlocked.Increment(ref _started) >= expected)
        {
            Started.TrySetResult();
        }
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    }
}
