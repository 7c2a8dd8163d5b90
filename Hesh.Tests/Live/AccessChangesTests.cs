using Hesh.Core.Common;
using Hesh.Core.Users;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hesh.Tests.Live;

public sealed class AccessChangesTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMemoryCache().BuildServiceProvider();
    private readonly AccessNotifier _notifier;
    private readonly RecordingLogger _log = new();

    public AccessChangesTests() =>
        _notifier = new AccessNotifier(new ActorCache(_services.GetRequiredService<IMemoryCache>(), _services.GetRequiredService<IServiceScopeFactory>()), _log);

    private static AccessChanged Change(string user) => new(user, Guid.Empty, AccessChangeKind.Permissions, "a", "Admin", "x");

    private static Func<AccessChanged, Task> Into(List<string> seen, string name) => c =>
    {
        lock (seen)
        {
            seen.Add($"{name}:{c.UserId}");
        }
        return Task.CompletedTask;
    };

    [Fact]
    public async Task AChange_ReachesOnlyTheSubscriptionsOfTheUserItConcerns_UntilTheyUnsubscribe()
    {
        var seen = new List<string>();
        var first = _notifier.Subscribe("u", Into(seen, "1"));
        using var second = _notifier.Subscribe("u", Into(seen, "2"));
        using var other = _notifier.Subscribe("v", Into(seen, "3"));

        _notifier.Deliver(Change("u"));
        await _notifier.IdleAsync();
        first.Dispose();
        _notifier.Deliver(Change("u"));
        await _notifier.IdleAsync();

        Assert.Equal(["1:u", "2:u", "2:u"], seen);
        Assert.Equal(2, _notifier.SubscriptionCount);
    }

    [Fact]
    public async Task BusEvents_ReachEverySubscription_AndCompanyWideChanges_OnlyThatCompanys()
    {
        var seen = new List<string>();
        var acme = Guid.NewGuid();
        using var u = _notifier.Subscribe("u", Into(seen, "u"));
        using var company = _notifier.SubscribeCompany(acme, Into(seen, "acme"));
        using var otherCompany = _notifier.SubscribeCompany(Guid.NewGuid(), Into(seen, "other"));

        _notifier.Deliver(new AccessChanged("", acme, AccessChangeKind.TwoFactor, "a", "Admin", "policy"));
        _notifier.Deliver(AccessChanged.BusRestored());
        await _notifier.IdleAsync();

        Assert.Equal(["acme:", "acme:", "other:", "u:"], seen.Order());
    }

    [Fact]
    public async Task Handlers_NeverRunOnTheThreadThatDelivers()
    {
        using var delivered = new ManualResetEventSlim();
        var ranAfterDelivery = new TaskCompletionSource<bool>();
        // Run on the delivering thread, this handler would wait for a Deliver that cannot return before it does.
        using var subscription = _notifier.Subscribe("u", _ => { ranAfterDelivery.TrySetResult(delivered.Wait(TimeSpan.FromSeconds(5))); return Task.CompletedTask; });

        _notifier.Deliver(Change("u"));
        delivered.Set();

        Assert.True(await ranAfterDelivery.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AFailingHandler_IsLogged_AndTheOthersStillRun()
    {
        var seen = new List<string>();
        using var failing = _notifier.Subscribe("u", _ => throw new InvalidOperationException("boom"));
        using var failingLater = _notifier.Subscribe("u", async _ => { await Task.Yield(); throw new InvalidOperationException("later"); });
        using var fine = _notifier.Subscribe("u", Into(seen, "fine"));

        _notifier.Deliver(Change("u"));
        await _notifier.IdleAsync();
        await WaitUntil(() => _log.Errors.Count == 2);

        Assert.Equal(["fine:u"], seen);
        Assert.Contains(_log.Errors, e => e.Message == "boom");
        Assert.Contains(_log.Errors, e => e.Message == "later");
    }

    [Fact]
    public void DisposingTwice_RemovesOnlyOnce_AndAResubscriptionStillWorks()
    {
        var a = _notifier.Subscribe("u", _ => Task.CompletedTask);
        using var b = _notifier.Subscribe("u", _ => Task.CompletedTask);
        a.Dispose();
        a.Dispose();
        Assert.Equal(1, _notifier.SubscriptionsOf("u"));
        b.Dispose();
        using var c = _notifier.Subscribe("u", _ => Task.CompletedTask);
        Assert.Equal(1, _notifier.SubscriptionsOf("u"));
    }

    [Theory]
    [InlineData(AccessChangeKind.Status, true)]
    [InlineData(AccessChangeKind.Password, true)]
    [InlineData(AccessChangeKind.Permissions, false)]
    [InlineData(AccessChangeKind.Ownership, false)]
    public void StatusAndPasswordChanges_EndSessions(AccessChangeKind kind, bool ends) =>
        Assert.Equal(ends, (Change("u") with { Kind = kind }).EndsSessions);

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }
        Assert.True(condition());
    }

    public void Dispose()
    {
        _notifier.Dispose();
        _services.Dispose();
    }

    private sealed class RecordingLogger : ILogger<AccessNotifier>
    {
        public List<Exception> Errors { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Error && exception is not null)
            {
                lock (Errors)
                {
                    Errors.Add(exception);
                }
            }
        }
    }
}
