using Hesh.Core.Permissions;

namespace Hesh.Core.Productions;

public enum ProductionStatus
{
    ToDo,
    InProgress,
    Stopped,
    FromStock,
    Done,
    Canceled,
}

public enum ProductionAction
{
    Start,
    Stop,
    Resume,
    Cancel,
    FulfilFromStock,
}

public enum WorkStatus
{
    ToDo,
    Reopened,
    InProgress,
    OnHold,
    Blocked,
    Done,
    Canceled,
}

/// <summary>A launched product version: key = company key abbreviation + number (DW-12).</summary>
public sealed class Production
{
    public const int ClientMaxLength = 120;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CompanyId { get; init; }
    public int Number { get; init; }
    public required string Key { get; init; }
    public Guid ProductId { get; init; }
    public Guid ProductVersionId { get; init; }
    public required string ProductName { get; init; }
    public int VersionNumber { get; init; }
    public int Quantity { get; set; }
    public string? Client { get; set; }
    public DateTime? Deadline { get; set; }
    public ProductionStatus Status { get; set; }
    public DateTime CreatedAt { get; init; }
    public List<ProductionTask> Tasks { get; init; } = [];
}

/// <summary>One task of a production, made from one template step. Only the first starts unlocked ("In queue" = false).</summary>
public sealed class ProductionTask
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CompanyId { get; init; }
    public Guid ProductionId { get; init; }
    public required string Key { get; init; }
    /// <summary>The production's number, copied so the task table orders and pages on the task row alone.</summary>
    public int ProductionNumber { get; init; }
    public int Order { get; init; }
    /// <summary>Lower-cased key and name, for the task table's search.</summary>
    public string SearchText { get; init; } = "";
    public required string Name { get; init; }
    public Guid? DepartmentId { get; init; }
    public string? AssigneeId { get; set; }
    public DateTime? DueDate { get; set; }
    public WorkStatus Status { get; set; }
    public bool InQueue { get; set; }
    public decimal BasicReward { get; init; }
    /// <summary>When the task was last finished (UTC), for analytics.</summary>
    public DateTime? DoneAt { get; set; }
}

/// <summary>
/// What the actor may do with one production now: the status actions allowed (none without "Productions edit"),
/// deleting, and changing it at all (<see cref="Edit"/>, with the reason when not).
/// </summary>
public sealed record ProductionCapabilities(IReadOnlyList<ProductionAction> Actions, Permit Delete, Permit Edit)
{
    public static ProductionCapabilities None => new([], Permit.No(Messages.Say("Reload the page.")), Permit.No(Messages.Say("Reload the page.")));

    // A value: two answers are equal when they allow the same actions, not when they share a list.
    public bool Equals(ProductionCapabilities? other) =>
        other is not null && Actions.SequenceEqual(other.Actions) && Delete == other.Delete && Edit == other.Edit;

    public override int GetHashCode() => HashCode.Combine(Actions.Count, Delete, Edit);
}

/// <summary>The documented production transitions (PRODUCT §4). Done comes only from the last task finishing.</summary>
public static class ProductionRules
{
    public static IReadOnlyList<ProductionAction> ActionsFor(ProductionStatus status) => status switch
    {
        ProductionStatus.ToDo => [ProductionAction.Start, ProductionAction.FulfilFromStock, ProductionAction.Cancel],
        ProductionStatus.InProgress => [ProductionAction.Stop, ProductionAction.Cancel],
        ProductionStatus.Stopped => [ProductionAction.Resume, ProductionAction.Cancel],
        _ => [],
    };

    public static ProductionStatus? After(ProductionStatus status, ProductionAction action) =>
        ActionsFor(status).Contains(action)
            ? action switch
            {
                ProductionAction.Start or ProductionAction.Resume => ProductionStatus.InProgress,
                ProductionAction.Stop => ProductionStatus.Stopped,
                ProductionAction.FulfilFromStock => ProductionStatus.FromStock,
                _ => ProductionStatus.Canceled,
            }
            : null;

    public static bool CanDelete(ProductionStatus status) => status == ProductionStatus.ToDo;

    public static string NeedsEdit => Messages.Say("You need the \"Productions edit\" permission for this.");

    public static string OnlyToDoDeletes => Messages.Say("Only a production that is still to do can be deleted. Cancel it instead.");

    /// <summary>What <paramref name="actor"/> may do with a production in <paramref name="status"/> now.</summary>
    public static ProductionCapabilities CapabilitiesOf(Actor actor, ProductionStatus status)
    {
        var edit = actor.Has(PermissionKey.ProductionsEdit) ? Permit.Yes : Permit.No(NeedsEdit);
        return new ProductionCapabilities(edit.Allowed ? ActionsFor(status) : [], edit.Then(() => CanDelete(status) ? Permit.Yes : Permit.No(OnlyToDoDeletes)), edit);
    }

    /// <summary>"New production": launching needs "Productions edit" (a published product is chosen in the dialog).</summary>
    public static Permit LaunchFor(Actor actor) =>
        actor.Has(PermissionKey.ProductionsEdit) ? Permit.Yes : Permit.No(Messages.Say("Launching productions needs the \"Productions edit\" permission."));

    public static bool IsFinal(ProductionStatus status) => status is ProductionStatus.Done or ProductionStatus.Canceled or ProductionStatus.FromStock;

    public static bool NeedsConfirmation(ProductionAction action) => action is ProductionAction.Stop or ProductionAction.Cancel;

    public static string Title(this ProductionStatus status) => status switch
    {
        ProductionStatus.ToDo => "To do",
        ProductionStatus.InProgress => "In progress",
        ProductionStatus.FromStock => "From stock",
        _ => status.ToString(),
    };

    public static string Title(this ProductionAction action) => action switch
    {
        ProductionAction.FulfilFromStock => "From stock",
        _ => action.ToString(),
    };

    /// <summary>The status in the reader's language, for screens and charts (<see cref="Title(ProductionStatus)"/> stays the audit log's English).</summary>
    public static string Name(this ProductionStatus status) => status switch
    {
        ProductionStatus.ToDo => Messages.Say("To do"),
        ProductionStatus.InProgress => Messages.Say("In progress"),
        ProductionStatus.Stopped => Messages.Say("Stopped"),
        ProductionStatus.FromStock => Messages.Say("From stock"),
        ProductionStatus.Done => Messages.Say("Done"),
        ProductionStatus.Canceled => Messages.Say("Canceled"),
        _ => status.ToString(),
    };

    /// <summary>The action's button text in the reader's language (<see cref="Title(ProductionAction)"/> stays the audit log's English).</summary>
    public static string Name(this ProductionAction action) => action switch
    {
        ProductionAction.Start => Messages.Say("Start"),
        ProductionAction.Stop => Messages.Say("Stop"),
        ProductionAction.Resume => Messages.Say("Resume"),
        ProductionAction.Cancel => Messages.Say("Cancel"),
        ProductionAction.FulfilFromStock => Messages.Say("From stock"),
        _ => action.ToString(),
    };

    /// <summary>Progress bar: completed tasks over all tasks.</summary>
    public static double Progress(int done, int all) => all == 0 ? 0 : (double)done / all;
}
