using Bunit;
using Hesh.Core.Overview;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Overview;

namespace Hesh.Tests.Overview;

public sealed class GettingStartedPanelTests : HeshComponentTest
{
    public GettingStartedPanelTests() => Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    private static GettingStarted Checklist(params bool[] done) => new(
    [
        new(ChecklistStep.Organisation, "Add departments and positions", "", "departments", done[0]),
        new(ChecklistStep.Invite, "Invite people", "", "users", done[1]),
        new(ChecklistStep.Permissions, "Set permissions", "", "users", done[2]),
        new(ChecklistStep.TwoFactor, "Set up two-factor sign-in", "", "users/u-1?tab=security", done[3]),
        new(ChecklistStep.Product, "Publish a product", "", "products", done[4]),
    ]);

    private IRenderedComponent<GettingStartedPanel> RenderPanel(GettingStarted checklist) =>
        Render<GettingStartedPanel>(p => p.Add(x => x.Checklist, checklist).Add(x => x.UserId, "u-1"));

    [Fact]
    public void EachStep_ShowsWhetherItIsDone_AndLinksToWhereItIsDone()
    {
        var panel = RenderPanel(Checklist(true, false, false, false, false));

        Assert.Equal("true", panel.Find("[data-testid=checklist-Organisation]").GetAttribute("data-done"));
        Assert.Equal("false", panel.Find("[data-testid=checklist-Invite]").GetAttribute("data-done"));
        Assert.Contains("1 of 5 done", panel.Find("[data-testid=checklist-progress]").TextContent);
        Assert.Equal("departments", panel.Find("[data-testid=checklist-Organisation] a").GetAttribute("href"));
        Assert.Equal("users/u-1?tab=security", panel.Find("[data-testid=checklist-TwoFactor] a").GetAttribute("href"));
        Assert.Contains("(to do)", panel.Find("[data-testid=checklist-Product]").TextContent);
    }

    [Fact]
    public void WhenEveryStepIsDone_TheListFoldsIntoOneLine_AndOpensOnRequest()
    {
        var panel = RenderPanel(Checklist(true, true, true, true, true));

        Assert.Contains("Your company is set up", panel.Markup);
        Assert.Empty(panel.FindAll("[data-testid^=checklist-Organisation]"));

        panel.Find("button[aria-controls=checklist-items]").Click();

        Assert.Equal(5, panel.FindAll("li.hesh-checklist-item").Count);
    }

    [Fact]
    public void Dismissing_HidesTheList_RemembersItInThisBrowser_AndItCanBeShownAgain()
    {
        var panel = RenderPanel(Checklist(false, false, false, false, false));

        panel.Find("[data-testid=checklist-dismiss]").Click();

        Assert.Empty(panel.FindAll("[data-testid=checklist]"));
        var remembered = Assert.Single(JSInterop.Invocations, i => i.Identifier == "localStorage.setItem");
        Assert.Equal("hesh.overview.checklist-hidden.u-1", remembered.Arguments[0]);
        panel.Find("[data-testid=checklist-hidden] button").Click();
        Assert.NotNull(panel.Find("[data-testid=checklist]"));
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "localStorage.removeItem");
    }

    [Fact]
    public void AListHiddenEarlierInThisBrowser_StaysHidden()
    {
        JSInterop.Setup<string?>("localStorage.getItem", "hesh.overview.checklist-hidden.u-1").SetResult("1");

        var panel = RenderPanel(Checklist(false, false, false, false, false));

        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=checklist-hidden]")));
    }
}
