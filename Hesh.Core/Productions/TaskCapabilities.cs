namespace Hesh.Core.Productions;

/// <summary>What the actor may do with one task now; each permit matches what <see cref="TaskService"/> then does.</summary>
public sealed record TaskCapabilities(Permit Start, Permit Finish, Permit Fail, Permit Unlock, Permit Assign, Permit ChangeStatus)
{
    private static Permit Unknown => Permit.No(Messages.Say("Reload the page."));

    /// <summary>Nothing allowed: the value of a row not yet evaluated for an actor.</summary>
    public static TaskCapabilities None => new(Unknown, Unknown, Unknown, Unknown, Unknown, Unknown);
}

/// <summary>What the actor may do with the task table as a whole: the bulk actions it shows.</summary>
public sealed record TaskTableCapabilities(Permit Assign, Permit ChangeStatus);
