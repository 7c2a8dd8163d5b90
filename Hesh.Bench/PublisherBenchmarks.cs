using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Hesh.Core.Common;
using Hesh.Core.Users;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hesh.Bench;

/// <summary>
/// `--publisher`: what one committed change costs the node while N idle subscriptions of *other* users are open
/// (BenchmarkDotNet, in process, short job). Side by side in one run:
/// <list type="bullet">
/// <item><c>Old_BroadcastPublish</c> — the design before issue 12 (<c>InProcessAccessChanges</c>): every subscriber
/// receives every change on the committing thread and filters by user id itself; the cache is one more subscriber.
/// The concerned subscriber has run when it returns, so this is the whole cost.</item>
/// <item><c>New_Deliver</c> — <see cref="AccessNotifier.Deliver"/> alone: what the committing thread pays (the one
/// cache invalidation and a queue write).</item>
/// <item><c>New_DeliverUntilHandled</c> — Deliver, then wait until the notifier's loop has run the one concerned
/// subscription's handler (a thread hop included).</item>
/// </list>
/// The idle subscriptions are registered in GlobalSetup, one per other user, like idle tabs of other users.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class PublisherBenchmarks
{
    internal sealed class Config : ManualConfig
    {
        public Config()
        {
            // In process (no generated project to build), few iterations: the three designs × three sizes take ~2 min.
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"));
            AddColumn(StatisticColumn.P95);
            WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
            WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(Perfolizer.Horology.TimeUnit.Microsecond));
            WithArtifactsPath(Path.Combine(Path.GetTempPath(), "hesh-bench-publisher"));
            AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByParams);
        }
    }

    [Params(100, 10_000, 50_000)]
    public int IdleSubscriptions { get; set; }

    private readonly string _target = Guid.NewGuid().ToString();
    private AccessChanged _change = default!;
    private ServiceProvider _services = default!;
    private AccessNotifier _notifier = default!;
    private readonly List<IDisposable> _subscriptions = [];
    private BroadcastBus _bus = default!;
    private long _idleCalls;
    private long _handled;
    private TaskCompletionSource? _signal;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().BuildServiceProvider();
        var scopes = _services.GetRequiredService<IServiceScopeFactory>();
        _change = new AccessChanged(_target, Guid.NewGuid(), AccessChangeKind.Permissions, "actor", "Bench Owner", "Analytics (mobile) on");

        // The new design: one keyed subscription per idle user, plus the one concerned.
        _notifier = new AccessNotifier(new ActorCache(new MemoryCache(new MemoryCacheOptions()), scopes), NullLogger<AccessNotifier>.Instance);
        for (var i = 0; i < IdleSubscriptions; i++)
        {
            _subscriptions.Add(_notifier.Subscribe(Guid.NewGuid().ToString(), _ =>
            {
                Interlocked.Increment(ref _idleCalls);
                return Task.CompletedTask;
            }));
        }
        _subscriptions.Add(_notifier.Subscribe(_target, _ =>
        {
            _handled++;
            _signal?.TrySetResult();
            return Task.CompletedTask;
        }));

        // The old design: a flat list, the cache first (one of its subscribers), then a tab per idle user, then the concerned one.
        var oldCache = new ActorCache(new MemoryCache(new MemoryCacheOptions()), scopes);
        _bus = new BroadcastBus();
        _bus.Subscribe(change =>
        {
            if (!change.IsBusEvent && !change.IsCompanyWide)
            {
                oldCache.Invalidate(change.UserId);
            }
        });
        for (var i = 0; i < IdleSubscriptions; i++)
        {
            _bus.Subscribe(new OldTab(Guid.NewGuid().ToString(), oldCache, () => { }).OnChange);
        }
        _bus.Subscribe(new OldTab(_target, oldCache, () => _handled++).OnChange);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Interlocked.Read(ref _idleCalls) != 0)
        {
            throw new InvalidOperationException($"The notifier called {_idleCalls} idle subscriptions of other users.");
        }
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
        _notifier.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Old: broadcast, each subscriber filters")]
    public void Old_BroadcastPublish() => _bus.Published(_change);

    [Benchmark(Description = "New: Deliver (committing thread)")]
    public void New_Deliver() => _notifier.Deliver(_change);

    [Benchmark(Description = "New: Deliver → concerned handler ran")]
    public async Task New_DeliverUntilHandled()
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _signal = signal;
        _notifier.Deliver(_change);
        await signal.Task;
    }

    public static void Run(string[] args)
    {
        Console.WriteLine($"Hesh publisher cost of one change, by idle subscriptions of other users; {Environment.ProcessorCount} cores, .NET {Environment.Version}; load average {ScaleHarness.Load()}");
        var summaries = BenchmarkRunner.Run([typeof(PublisherBenchmarks), typeof(HubConnectionsBenchmarks)], args: args.Where(a => a != "--publisher").ToArray());
        Console.WriteLine($"Load average at the end: {ScaleHarness.Load()}");
        if (summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success)))
        {
            Environment.ExitCode = 1;
        }
    }

    /// <summary>The bus before issue 12 (InProcessAccessChanges): every handler, inline, on the publishing thread.</summary>
    private sealed class BroadcastBus
    {
        private Action<AccessChanged>[] _handlers = [];

        public void Published(AccessChanged change)
        {
            foreach (var handler in _handlers)
            {
                handler(change);
            }
        }

        public void Subscribe(Action<AccessChanged> handler) => _handlers = [.. _handlers, handler];
    }

    /// <summary>What an open tab's LiveRefresh did with each change before issue 12: filter, and for its own user invalidate and hop.</summary>
    private sealed class OldTab(string userId, ActorCache actors, Action apply)
    {
        public void OnChange(AccessChanged change)
        {
            if (!change.Concerns(userId))
            {
                return;
            }
            actors.Invalidate(userId);
            apply();
        }
    }
}
