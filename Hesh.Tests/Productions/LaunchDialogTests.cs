using Bunit;
using Hesh.Web.Components.Pages.Productions;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Productions;

public sealed class LaunchDialogTests : ProductionsComponentTest
{
    [Fact]
    public async Task WithoutAPublishedProduct_ItSaysSo_AndCannotLaunch()
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
    public async Task ItOffersPublishedProductsWithTheirVersion()
    {
        var (owner, _) = await SeedCompanyAsync("Lars");
        await ProductAsync(owner.Id, "Cut");
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();

        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<LaunchDialog>("New production"));

        dialogs.WaitForElement("[data-testid=launch-product]");
        Assert.False(dialogs.Find("[data-testid=launch-submit]").HasAttribute("disabled"));
    }
}
