using Hesh.Core.Overview;

namespace Hesh.Web.Live;

/// <summary>"Online now" for Core, from the presence every node writes.</summary>
public sealed class OnlinePeople(IPresenceStore store) : IOnlinePeople
{
    public async Task<IReadOnlySet<string>> OnlineAmongAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default) =>
        userIds.Count == 0 ? new HashSet<string>() : await store.ConnectedAmongAsync(userIds, ct);
}
