using Hesh.Core.Productions;

namespace Hesh.Core.Overview;

/// <summary>
/// What the Overview shows one person. A null section is one they may not see; an empty one is one they may see,
/// with nothing in it yet.
/// </summary>
public sealed record OverviewPage(
    string FirstName,
    string Role,
    GettingStarted? Checklist,
    Counted<PendingInvitation>? PendingInvitations,
    Counted<PersonAway>? OnDayOffToday,
    Counted<OnlinePerson>? OnlineNow,
    IReadOnlyList<PermissionChange>? RecentPermissionChanges,
    Counted<ProductionInProgress>? ProductionsInProgress,
    bool CanOpenAuditLog = false,
    string UserId = "");

/// <summary>The first rows of a section, and how many there are in all.</summary>
public sealed record Counted<T>(int Total, IReadOnlyList<T> Items)
{
    public int More => Math.Max(0, Total - Items.Count);
}

public enum ChecklistStep
{
    Organisation,
    Invite,
    Permissions,
    TwoFactor,
    Product,
}

/// <summary>One step of getting started, with where it is done.</summary>
public sealed record ChecklistItem(ChecklistStep Step, string Title, string Hint, string Href, bool Done);

public sealed record GettingStarted(IReadOnlyList<ChecklistItem> Items)
{
    public int DoneCount => Items.Count(i => i.Done);
    public bool AllDone => Items.All(i => i.Done);
}

public sealed record PendingInvitation(string UserId, string Name, string Email, bool Expired);

/// <summary>Someone away at some time today; <see cref="AwayNow"/> when the period covers this moment.</summary>
public sealed record PersonAway(string UserId, string Name, DateTime From, DateTime Until, bool AwayNow);

public sealed record OnlinePerson(string UserId, string Name, bool IsSelf);

public sealed record PermissionChange(DateTime At, string ActorName, string SubjectId, string SubjectName, string Title, string What);

public sealed record ProductionInProgress(Guid Id, string Key, string ProductName, int Quantity, DateTime? Deadline, int DoneTasks, int AllTasks)
{
    public double Progress => ProductionRules.Progress(DoneTasks, AllTasks);
}
