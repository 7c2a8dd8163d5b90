using Bunit;
using Hesh.Core.Productions;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Tasks;

namespace Hesh.Tests.Productions;

/// <summary>The one action of a My tasks row shows what Core allows, and why not otherwise.</summary>
public sealed class MyTaskActionTests : HeshComponentTest
{
    private static readonly Permit No = Permit.No("The production is stopped; resume it first.");

    private IRenderedComponent<MyTaskAction> RenderAction(WorkStatus status, Permit start, Permit finish) =>
        Render<MyTaskAction>(p => p.Add(a => a.Task, new TaskListRow
        {
            Key = "HS-1-1", Status = status, Can = TaskCapabilities.None with { Start = start, Finish = finish },
        }));

    [Fact]
    public void StartAllowed_ShowsStart_Only()
    {
        var action = RenderAction(WorkStatus.ToDo, Permit.Yes, Permit.No("Only a task in progress can be finished."));

        Assert.Single(action.FindAll("[data-testid=task-start]"));
        Assert.Empty(action.FindAll("[data-testid=task-finish]"));
        Assert.Empty(action.FindAll("[data-testid=task-start-reason]"));
    }

    [Fact]
    public void FinishAllowed_ShowsFinish_Only()
    {
        var action = RenderAction(WorkStatus.InProgress, Permit.No("A task that is in progress cannot be started."), Permit.Yes);

        Assert.Single(action.FindAll("[data-testid=task-finish]"));
        Assert.Empty(action.FindAll("[data-testid=task-start]"));
    }

    [Fact]
    public void NeitherAllowed_ShowsNoButton_ButTheReason()
    {
        var action = RenderAction(WorkStatus.ToDo, No, Permit.No("Only a task in progress can be finished."));

        Assert.Empty(action.FindAll("button"));
        Assert.Equal(No.Reason, action.Find("[data-testid=task-start-reason]").TextContent);
    }

    [Fact]
    public void ADoneTask_ShowsNothingAtAll()
    {
        var action = RenderAction(WorkStatus.Done, Permit.No("A task that is done cannot be started."), Permit.No("Only a task in progress can be finished."));

        Assert.Equal("", action.Markup.Trim());
    }
}
