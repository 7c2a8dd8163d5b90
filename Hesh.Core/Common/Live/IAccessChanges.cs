namespace Hesh.Core.Common;

/// <summary>
/// Where committed access changes leave a node. Only the write path (<see cref="AccessAnnouncer"/>, after commit)
/// publishes; an implementation delivers to this node's <see cref="AccessNotifier"/> and, with several nodes, to
/// the others. Listeners subscribe to the notifier, never here.
/// </summary>
public interface IAccessChanges
{
    void Publish(AccessChanged change);
}

/// <summary>One node: what is published is delivered here.</summary>
public sealed class InProcessAccessChanges(AccessNotifier notifier) : IAccessChanges
{
    public void Publish(AccessChanged change) => notifier.Deliver(change);
}
