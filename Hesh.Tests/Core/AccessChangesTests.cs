using Hesh.Core.Common;

namespace Hesh.Tests.Core;

public sealed class AccessChangesTests
{
    private static AccessChanged Change(string user) => new(user, Guid.Empty, AccessChangeKind.Permissions, "a", "Admin", "x");

    [Fact]
    public void EverySubscriber_GetsEachChange_UntilItUnsubscribes()
    {
        var bus = new InProcessAccessChanges();
        var seen = new List<string>();
        var first = bus.Subscribe(c => seen.Add("1:" + c.UserId));
        using var second = bus.Subscribe(c => seen.Add("2:" + c.UserId));

        bus.Published(Change("u"));
        first.Dispose();
        bus.Published(Change("v"));

        Assert.Equal(["1:u", "2:u", "2:v"], seen);
        Assert.Equal(1, bus.SubscriberCount);
    }

    [Fact]
    public void DisposingTwice_RemovesOnlyOnce()
    {
        var bus = new InProcessAccessChanges();
        var a = bus.Subscribe(_ => { });
        using var b = bus.Subscribe(_ => { });
        a.Dispose();
        a.Dispose();
        Assert.Equal(1, bus.SubscriberCount);
    }

    [Theory]
    [InlineData(AccessChangeKind.Status, true)]
    [InlineData(AccessChangeKind.Password, true)]
    [InlineData(AccessChangeKind.Permissions, false)]
    [InlineData(AccessChangeKind.Ownership, false)]
    public void StatusAndPasswordChanges_EndSessions(AccessChangeKind kind, bool ends) =>
        Assert.Equal(ends, (Change("u") with { Kind = kind }).EndsSessions);
}
