using Hesh.Core.Productions;

namespace Hesh.Tests.Productions;

/// <summary>The production status machine of PRODUCT §4, every status × every action.</summary>
public sealed class ProductionRulesTests
{
    public static TheoryData<ProductionStatus, ProductionAction, ProductionStatus?> Transitions()
    {
        var allowed = new Dictionary<(ProductionStatus, ProductionAction), ProductionStatus>
        {
            [(ProductionStatus.ToDo, ProductionAction.Start)] = ProductionStatus.InProgress,
            [(ProductionStatus.ToDo, ProductionAction.Cancel)] = ProductionStatus.Canceled,
            [(ProductionStatus.ToDo, ProductionAction.FulfilFromStock)] = ProductionStatus.FromStock,
            [(ProductionStatus.InProgress, ProductionAction.Stop)] = ProductionStatus.Stopped,
            [(ProductionStatus.InProgress, ProductionAction.Cancel)] = ProductionStatus.Canceled,
            [(ProductionStatus.Stopped, ProductionAction.Resume)] = ProductionStatus.InProgress,
            [(ProductionStatus.Stopped, ProductionAction.Cancel)] = ProductionStatus.Canceled,
        };
        var data = new TheoryData<ProductionStatus, ProductionAction, ProductionStatus?>();
        foreach (var status in Enum.GetValues<ProductionStatus>())
        {
            foreach (var action in Enum.GetValues<ProductionAction>())
            {
                data.Add(status, action, allowed.TryGetValue((status, action), out var next) ? next : null);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void OnlyTheDocumentedTransitionsAreAllowed(ProductionStatus from, ProductionAction action, ProductionStatus? to) =>
        Assert.Equal(to, ProductionRules.After(from, action));

    [Theory]
    [InlineData(ProductionStatus.Done)]
    [InlineData(ProductionStatus.Canceled)]
    public void DoneAndCanceled_AreFinal(ProductionStatus status) => Assert.Empty(ProductionRules.ActionsFor(status));

    [Theory]
    [InlineData(ProductionStatus.ToDo, true)]
    [InlineData(ProductionStatus.InProgress, false)]
    [InlineData(ProductionStatus.Stopped, false)]
    [InlineData(ProductionStatus.Done, false)]
    public void OnlyToDo_CanBeDeleted(ProductionStatus status, bool deletable) => Assert.Equal(deletable, ProductionRules.CanDelete(status));

    [Fact]
    public void StopAndCancel_AskForConfirmation()
    {
        Assert.True(ProductionRules.NeedsConfirmation(ProductionAction.Stop));
        Assert.True(ProductionRules.NeedsConfirmation(ProductionAction.Cancel));
        Assert.False(ProductionRules.NeedsConfirmation(ProductionAction.Start));
    }

    [Fact]
    public void Progress_IsDoneOverAll() => Assert.Equal(0.25, ProductionRules.Progress(1, 4));
}
