namespace Hesh.Core.Overview;

/// <summary>Who has a tab or the app connected right now, on any node. Implemented by the live layer.</summary>
public interface IOnlinePeople
{
    /// <summary>Those of <paramref name="userIds"/> connected right now; never anyone not asked about.</summary>
    Task<IReadOnlySet<string>> OnlineAmongAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default);
}

/// <summary>Without the live layer (Core alone, in tests) nobody is known to be online.</summary>
public sealed class NoOnlinePeople : IOnlinePeople
{
    public Task<IReadOnlySet<string>> OnlineAmongAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());
}
