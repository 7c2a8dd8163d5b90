using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Hesh.Core.Common;
using Hesh.Web.Live;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Bench;

/// <summary>
/// Part of `--publisher`: what the hub side of one change costs by open hub connections of *other* users on the node.
/// <see cref="HubConnections.AbortEnded"/> runs once per forwarded change (HubChangeForwarder);
/// <see cref="HubConnections.ConnectionIdsOf"/> once per poll of a receipt (LivePresence.ReceiptAsync, every 20 ms
/// for up to 2 s, once per user of a bulk change in BulkApplyDialog).
/// </summary>
[Config(typeof(PublisherBenchmarks.Config))]
[MemoryDiagnoser]
public class HubConnectionsBenchmarks
{
    [Params(1_000, 10_000)]
    public int OtherConnections { get; set; }

    private readonly HubConnections _connections = NewConnections();
    private readonly string _target = Guid.NewGuid().ToString();
    private AccessChanged _change = default!;

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < OtherConnections; i++)
        {
            _connections.Add(Guid.NewGuid().ToString(), new Caller($"other-{i}"));
        }
        _connections.Add(_target, new Caller("target"));
        _change = new AccessChanged(_target, Guid.NewGuid(), AccessChangeKind.Permissions, "actor", "Bench Owner", "Analytics (mobile) on");
    }

    [Benchmark(Description = "HubConnections.AbortEnded (each forwarded change)")]
    public void AbortEnded() => _connections.AbortEnded(_change);

    [Benchmark(Description = "HubConnections.ConnectionIdsOf (each receipt poll)")]
    public int ConnectionIdsOf() => _connections.ConnectionIdsOf(_target).Count;

    /// <summary>The registry as the host builds it, over this node's own presence (no Redis).</summary>
    private static HubConnections NewConnections()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddMemoryCache().BuildServiceProvider();
        var actors = new Hesh.Core.Users.ActorCache(services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>(),
            services.GetRequiredService<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>());
        var notifier = new AccessNotifier(actors, Microsoft.Extensions.Logging.Abstractions.NullLogger<AccessNotifier>.Instance);
        return new HubConnections(new LivePresence(notifier, new InMemoryPresenceStore(), TimeProvider.System));
    }

    /// <summary>A connected hub client as the hub sees it, enough for the registry.</summary>
    private sealed class Caller(string id) : HubCallerContext
    {
        public override string ConnectionId => id;
        public override string? UserIdentifier => null;
        public override ClaimsPrincipal? User { get; } = new(new ClaimsIdentity());
        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();
        public override IFeatureCollection Features { get; } = new FeatureCollection();
        public override CancellationToken ConnectionAborted => default;
        public override void Abort() { }
    }
}
