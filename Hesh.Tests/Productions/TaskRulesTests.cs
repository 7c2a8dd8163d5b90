using Hesh.Core.Permissions;
using Hesh.Core.Productions;

namespace Hesh.Tests.Productions;

public sealed class TaskRulesTests
{
    // Assembly ─┬─ Welding ── Spot welding
    //           └─ Painting
    // Quality
    private static readonly Guid Assembly = Guid.NewGuid(), Welding = Guid.NewGuid(), Spot = Guid.NewGuid(), Painting = Guid.NewGuid(), Quality = Guid.NewGuid();

    private static IReadOnlySet<Guid> Subtree(Guid root) =>
        root == Assembly ? new HashSet<Guid> { Assembly, Welding, Spot, Painting }
        : root == Welding ? new HashSet<Guid> { Welding, Spot }
        : new HashSet<Guid> { root };

    public static TheoryData<TaskScope, string, string?, bool> Scopes() => new()
    {
        { TaskScope.NoAccess, "Welding", "Welding", false },
        { TaskScope.NoAccess, "Welding", null, false },
        { TaskScope.Department, "Welding", "Welding", true },
        { TaskScope.Department, "Welding", "Spot", false },
        { TaskScope.Department, "Welding", null, true },
        { TaskScope.DepartmentAndSubDepartments, "Welding", "Spot", true },
        { TaskScope.DepartmentAndSubDepartments, "Welding", "Painting", false },
        { TaskScope.DepartmentAndSubDepartments, "Assembly", "Painting", true },
        { TaskScope.AllDepartments, "Welding", "Quality", true },
    };

    private static Guid? Dept(string? name) => name switch
    {
        "Assembly" => Assembly, "Welding" => Welding, "Spot" => Spot, "Painting" => Painting, "Quality" => Quality, _ => null,
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public void OthersTasks_FollowTheTaskEditLevelOverTheDepartmentTree(TaskScope scope, string actorDepartment, string? taskDepartment, bool allowed) =>
        Assert.Equal(allowed, TaskRules.CanEdit(scope, isAssignee: false, Dept(actorDepartment), Dept(taskDepartment), Subtree));

    [Fact]
    public void OwnTasks_AreAlwaysEditable() =>
        Assert.True(TaskRules.CanEdit(TaskScope.NoAccess, isAssignee: true, Welding, Quality, Subtree));

    [Fact]
    public void QueuedTask_CannotStart()
    {
        var task = new ProductionTask { Key = "DW-1-2", Name = "Weld", InQueue = true, Status = WorkStatus.ToDo };
        Assert.Contains("in queue", TaskRules.CheckStart(task, ProductionStatus.InProgress));
    }

    [Fact]
    public void TaskOfAStoppedProduction_CannotStart()
    {
        var task = new ProductionTask { Key = "DW-1-1", Name = "Cut", Status = WorkStatus.ToDo };
        Assert.Contains("stopped", TaskRules.CheckStart(task, ProductionStatus.Stopped));
    }

    [Theory]
    [InlineData(WorkStatus.ToDo, true)]
    [InlineData(WorkStatus.Reopened, true)]
    [InlineData(WorkStatus.OnHold, true)]
    [InlineData(WorkStatus.InProgress, false)]
    [InlineData(WorkStatus.Done, false)]
    [InlineData(WorkStatus.Blocked, false)]
    public void OnlyWaitingTasks_CanStart(WorkStatus status, bool allowed) =>
        Assert.Equal(allowed, TaskRules.CheckStart(new ProductionTask { Key = "K", Name = "N", Status = status }, ProductionStatus.InProgress) is null);

    [Fact]
    public void OnlyDoneTasks_CanBeFailed() =>
        Assert.NotNull(TaskRules.CheckFail(new ProductionTask { Key = "K", Name = "N", Status = WorkStatus.InProgress }));
}
