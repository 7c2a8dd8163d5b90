using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using Hesh.Core.Users;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Common;

/// <summary>
/// This node's end of the change bus, keyed by whom a change concerns: a change of one user reaches only the
/// subscriptions of that user; a company-wide change, those of that company; an outage or a resync, all of them.
/// <see cref="Deliver"/> drops the user's cached access at once — the one invalidation per change — and queues the
/// change; handlers run later on the notifier's own loop, never on the thread that committed, in delivery order.
/// A handler's failure is logged, never swallowed, and never stops the others.
/// </summary>
public sealed class AccessNotifier : IDisposable
{
    private readonly ConcurrentDictionary<string, Handlers> _byUser = new();
    private readonly ConcurrentDictionary<Guid, Handlers> _byCompany = new();
    private readonly Handlers _node = new(retires: false);
    private readonly Channel<AccessChanged> _queue = Channel.CreateUnbounded<AccessChanged>(new() { SingleReader = true });
    private readonly ActorCache _actors;
    private readonly ILogger<AccessNotifier> _logger;
    private readonly Task _loop;
    private long _pending;

    public AccessNotifier(ActorCache actors, ILogger<AccessNotifier> logger)
    {
        _actors = actors;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>A change committed here or arriving from another node.</summary>
    public void Deliver(AccessChanged change)
    {
        _actors.Apply(change);
        Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite(change))
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>Changes of <paramref name="userId"/>, and the bus's outage and resync.</summary>
    public IDisposable Subscribe(string userId, Func<AccessChanged, Task> handler) => Add(_byUser, userId, handler);

    /// <summary>Company-wide changes of <paramref name="companyId"/> (its settings), and the bus's outage and resync.</summary>
    public IDisposable SubscribeCompany(Guid companyId, Func<AccessChanged, Task> handler) => Add(_byCompany, companyId, handler);

    /// <summary>Every change on this node, once: for node-wide parts (the hub's forwarder, presence), not for a tab.</summary>
    public IDisposable SubscribeNode(Func<AccessChanged, Task> handler)
    {
        _node.Add(handler);
        return new Subscription(() => _node.Remove(handler));
    }

    public int SubscriptionCount => _node.Count + _byUser.Values.Sum(h => h.Count) + _byCompany.Values.Sum(h => h.Count);

    public int SubscriptionsOf(string userId) => _byUser.TryGetValue(userId, out var handlers) ? handlers.Count : 0;

    /// <summary>Completes once every change delivered so far has been handed to its handlers (tests and benchmarks).</summary>
    public async Task IdleAsync(CancellationToken ct = default)
    {
        while (Interlocked.Read(ref _pending) > 0)
        {
            await Task.Delay(5, ct);
        }
    }

    private async Task RunAsync()
    {
        await foreach (var change in _queue.Reader.ReadAllAsync())
        {
            try
            {
                Dispatch(change);
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    private void Dispatch(AccessChanged change)
    {
        // Node-wide parts first: presence must know of a change before a tab reports having applied it.
        Invoke(_node, change);
        if (change.IsBusEvent)
        {
            foreach (var handlers in _byUser.Values)
            {
                Invoke(handlers, change);
            }
            foreach (var handlers in _byCompany.Values)
            {
                Invoke(handlers, change);
            }
        }
        else if (change.IsCompanyWide)
        {
            Invoke(_byCompany.GetValueOrDefault(change.CompanyId), change);
        }
        else
        {
            Invoke(_byUser.GetValueOrDefault(change.UserId), change);
        }
    }

    private void Invoke(Handlers? handlers, AccessChanged change)
    {
        foreach (var handler in handlers?.Items ?? [])
        {
            try
            {
                var task = handler(change);
                if (!task.IsCompletedSuccessfully)
                {
                    _ = ObserveAsync(task, change);
                }
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "A handler of the access change {ChangeId} ({Kind}) of {UserId} failed", change.Id, change.Kind, change.UserId);
            }
        }
    }

    private async Task ObserveAsync(Task task, AccessChanged change)
    {
        try
        {
            await task;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A handler of the access change {ChangeId} ({Kind}) of {UserId} failed", change.Id, change.Kind, change.UserId);
        }
    }

    private static IDisposable Add<TKey>(ConcurrentDictionary<TKey, Handlers> map, TKey key, Func<AccessChanged, Task> handler) where TKey : notnull
    {
        while (true)
        {
            var handlers = map.GetOrAdd(key, _ => new Handlers(retires: true));
            if (handlers.Add(handler))
            {
                return new Subscription(() =>
                {
                    if (handlers.Remove(handler))
                    {
                        // The last one gone: the key goes too, unless someone subscribed meanwhile.
                        map.TryRemove(new KeyValuePair<TKey, Handlers>(key, handlers));
                    }
                });
            }
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    /// <summary>The handlers of one key; retired once emptied, so a late subscriber takes a fresh one.</summary>
    private sealed class Handlers(bool retires)
    {
        private readonly Lock _gate = new();
        private bool _retired;

        public ImmutableArray<Func<AccessChanged, Task>> Items { get; private set; } = [];

        public int Count => Items.Length;

        public bool Add(Func<AccessChanged, Task> handler)
        {
            lock (_gate)
            {
                if (_retired)
                {
                    return false;
                }
                Items = Items.Add(handler);
                return true;
            }
        }

        /// <summary>True when this removal emptied the list (it is then retired).</summary>
        public bool Remove(Func<AccessChanged, Task> handler)
        {
            lock (_gate)
            {
                Items = Items.Remove(handler);
                _retired = retires && Items.IsEmpty;
                return _retired;
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
