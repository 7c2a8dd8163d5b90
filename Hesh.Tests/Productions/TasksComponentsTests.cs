using Bunit;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Productions;
using Hesh.Web.Components.Pages.Tasks;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Productions;

public sealed class TasksComponentsTests : HeshComponentTest
{
    private async Task<(string OwnerId, Guid ProductId)> PublishedAsync(string owner, params string[] steps)
    {
        var (o, _) = await SeedCompanyAsync(owner);
        var id = (await WithDbAsync(s => s.GetRequiredService<ProductService>().CreateAsync(o.Id, new ProductInput { Name = "Gate" }))).Value;
        await WithDbAsync(s => s.GetRequiredService<ProductService>().SaveDraftAsync(o.Id, id, new ProductInput { Name = "Gate" }, steps.Select(n => new StepInput { Name = n }).ToList()));
        await WithDbAsync(s => s.GetRequiredService<ProductService>().PublishAsync(o.Id, id));
        return (o.Id, id);
    }

    [Fact]
    public async Task TaskTable_ListsTheTasks_WithQueueStateAndStatus()
    {
        var (owner, productId) = await PublishedAsync("Tara", "Cut", "Weld");
        await WithDbAsync(s => s.GetRequiredService<ProductionService>().LaunchAsync(owner, new LaunchInput { ProductId = productId }));
        SignInAs(owner);
        Render<MudPopoverProvider>();

        var table = Render<TasksPage>();

        table.WaitForAssertion(() => Assert.Equal(2, table.FindAll("[data-testid=task-status]").Count));
        Assert.Contains("HS-1-1", table.Markup);
        Assert.Single(table.FindAll("[data-testid=task-queued]"));
    }

    [Fact]
    public async Task LaunchDialog_WithoutAPublishedProduct_SaysSo_AndCannotLaunch()
    {
        var (owner, _) = await SeedCompanyAsync("Lena");
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();

        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<LaunchDialog>("New production"));

        dialogs.WaitForAssertion(() => Assert.Contains("No published product", dialogs.Markup));
        Assert.True(dialogs.Find("[data-testid=launch-submit]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task LaunchDialog_OffersPublishedProductsWithTheirVersion()
    {
        var (owner, _) = await PublishedAsync("Lars", "Cut");
        SignInAs(owner);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();

        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<LaunchDialog>("New production"));

        dialogs.WaitForElement("[data-testid=launch-product]");
        Assert.False(dialogs.Find("[data-testid=launch-submit]").HasAttribute("disabled"));
    }
}
