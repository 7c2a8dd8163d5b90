using Bunit;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Company;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Positions;

public sealed class DepartmentsPageTests : HeshComponentTest
{
    private async Task<(HeshUser Owner, HeshUser Manager)> SeedAsync()
    {
        var (owner, people) = await SeedCompanyAsync("Olga", ("Max", "Manager", false, AccessSet.Defaults(Platform.Web).With(PermissionKey.PositionsDepartments, true)));
        await WithDbAsync(async s =>
        {
            var positions = s.GetRequiredService<PositionService>();
            await positions.AddDepartmentAsync(owner.Id, "Assembly", null);
            return await positions.AddPositionAsync(owner.Id, "Welder");
        });
        return (owner, people[0]);
    }

    private IRenderedComponent<MudPopoverProvider> Popovers { get; set; } = default!;
    private IRenderedComponent<MudDialogProvider> Dialogs { get; set; } = default!;

    private IRenderedComponent<DepartmentsPage> RenderPage(string userId)
    {
        SignInAs(userId);
        Popovers = Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        var page = Render<DepartmentsPage>();
        page.WaitForElement("[data-testid=position-row]");
        return page;
    }

    [Fact]
    public async Task Every_icon_button_has_an_accessible_name_and_sits_in_a_tooltip()
    {
        var (owner, _) = await SeedAsync();

        var page = RenderPage(owner.Id);

        var buttons = page.FindAll("button.mud-icon-button");
        Assert.True(buttons.Count >= 6, $"{buttons.Count} icon buttons");
        Assert.All(buttons, b =>
        {
            Assert.False(string.IsNullOrWhiteSpace(b.GetAttribute("aria-label")), b.OuterHtml);
            Assert.NotNull(b.Closest(".mud-tooltip-root"));
        });
        Assert.Contains(buttons, b => b.GetAttribute("aria-label") == "Move Assembly");
    }

    [Fact]
    public async Task Focusing_an_icon_button_shows_its_tooltip_text()
    {
        var (owner, _) = await SeedAsync();
        var page = RenderPage(owner.Id);

        var root = page.Find("button[aria-label='Rename Welder']").Closest(".mud-tooltip-root")!;
        // Whichever of focus and hover the tooltip listens to on its root (keyboard users get focus, MudBlazor both).
        var handler = new[] { "onfocusin", "onpointerenter", "onmouseenter" }.First(e => root.HasAttribute($"blazor:{e}"));
        await root.TriggerEventAsync(handler, handler == "onfocusin" ? new FocusEventArgs() : new PointerEventArgs());

        Popovers.WaitForAssertion(() => Assert.Contains(Popovers.FindAll(".mud-popover-open"), p => p.TextContent.Contains("Rename Welder")));
        Assert.DoesNotContain(Popovers.FindAll(".mud-popover-open"), p => p.TextContent.Contains("Delete Welder"));
    }

    [Fact]
    public async Task The_template_action_is_a_labelled_button_for_whoever_may_edit_templates()
    {
        var (owner, _) = await SeedAsync();

        var page = RenderPage(owner.Id);

        var button = page.Find("[data-testid=edit-template]");
        Assert.Equal("BUTTON", button.TagName);
        Assert.Equal("Permission template", button.TextContent.Trim());
        Assert.Equal("Permission template of Welder", button.GetAttribute("aria-label"));
        Assert.DoesNotContain("mud-icon-button", button.ClassName);
    }

    [Fact]
    public async Task Without_users_permissions_the_template_button_is_not_offered()
    {
        var (_, manager) = await SeedAsync();

        var page = RenderPage(manager.Id);

        Assert.Empty(page.FindAll("[data-testid=edit-template]"));
        Assert.NotEmpty(page.FindAll("button[aria-label='Rename Welder']"));
    }

    [Fact]
    public async Task The_template_button_opens_the_dialog_with_the_permissions_tabs_switches()
    {
        var (owner, _) = await SeedAsync();
        var page = RenderPage(owner.Id);

        // Not awaited: the page awaits the dialog's answer, which this test never gives.
        _ = page.Find("[data-testid=edit-template]").ClickAsync(new MouseEventArgs());

        Dialogs.WaitForAssertion(() => Assert.NotNull(Dialogs.Find("[data-testid=template-Web] input[role=switch][data-testid=template-Web-Analytics]")));
        Assert.NotNull(Dialogs.Find("[data-testid=template-Mobile] [role=radiogroup][data-testid=template-Mobile-TaskEditLevel]"));
    }

}
