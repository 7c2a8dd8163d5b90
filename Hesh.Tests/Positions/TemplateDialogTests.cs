using Bunit;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Company;
using Hesh.Web.Components.Pages.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Positions;

/// <summary>The template dialog is the Permissions tab's grid (AccessSection) over a template, with the author's limits from Core.</summary>
public sealed class TemplateDialogTests : HeshComponentTest
{
    private async Task<(HeshUser Owner, HeshUser Author, Guid Welder)> SeedAsync()
    {
        var (owner, people) = await SeedCompanyAsync("Olga", ("Ada", "Author", false,
            AccessSet.Defaults(Platform.Web).With(PermissionKey.PositionsDepartments, true).With(PermissionKey.UsersPermissions, true)));
        var welder = await WithDbAsync(async s =>
        {
            var positions = s.GetRequiredService<PositionService>();
            await positions.AddPositionAsync(owner.Id, "Welder");
            return (await positions.GetChartAsync(owner.Id))!.Positions.Single().Id;
        });
        return (owner, people[0], welder);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(string userId, Guid welder, AccessPair? template = null)
    {
        SignInAs(userId);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var editor = (await WithDbAsync(s => s.GetRequiredService<PositionService>().GetChartAsync(userId)))!.Templates!;
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<TemplateDialog>("Permission template · Welder",
            new DialogParameters<TemplateDialog> { { d => d.PositionId, welder }, { d => d.PositionName, "Welder" }, { d => d.Template, template }, { d => d.Editor, editor } }));
        dialogs.WaitForElement("[data-testid=template-Web]");
        return dialogs;
    }

    private static AngleSharp.Dom.IElement Switch(IRenderedComponent<MudDialogProvider> dialogs, Platform platform, PermissionKey key) =>
        dialogs.Find($"input[role=switch][data-testid=template-{platform}-{key}]");

    [Fact]
    public async Task It_renders_the_permissions_tabs_own_section_for_each_platform_not_a_grid_of_its_own()
    {
        var (owner, _, welder) = await SeedAsync();

        var dialogs = await OpenAsync(owner.Id, welder);

        Assert.Equal(2, dialogs.FindComponents<AccessSection>().Count);
        Assert.Empty(dialogs.FindAll(".mud-checkbox"));
        Assert.Empty(dialogs.FindAll(".mud-select"));
        Assert.Equal(PermissionCatalog.All.Count(p => !p.IsLevel), dialogs.FindAll("[data-testid=template-Web] input[role=switch]").Count);
        Assert.Equal(Enum.GetValues<TaskScope>().Length, dialogs.FindAll("[data-testid=template-Web-TaskEditLevel] input[type=radio]").Count);
    }

    [Fact]
    public async Task Always_on_permissions_show_on_and_locked_and_an_edit_switched_on_takes_its_view_along()
    {
        var (owner, _, welder) = await SeedAsync();
        var dialogs = await OpenAsync(owner.Id, welder);

        Assert.True(Switch(dialogs, Platform.Web, PermissionKey.ProductsView).HasAttribute("checked"));
        Assert.True(Switch(dialogs, Platform.Web, PermissionKey.ProductsView).HasAttribute("disabled"));
        await Switch(dialogs, Platform.Web, PermissionKey.ProductionsEdit).ChangeAsync(new ChangeEventArgs { Value = true });

        dialogs.WaitForAssertion(() => Assert.True(Switch(dialogs, Platform.Web, PermissionKey.ProductionsView).HasAttribute("checked")));
    }

    [Fact]
    public async Task A_non_admin_author_cannot_switch_on_what_they_do_not_hold_and_is_told_why()
    {
        var (_, author, welder) = await SeedAsync();

        var dialogs = await OpenAsync(author.Id, welder);

        Assert.True(Switch(dialogs, Platform.Web, PermissionKey.Analytics).HasAttribute("disabled"));
        Assert.False(Switch(dialogs, Platform.Web, PermissionKey.UsersPermissions).HasAttribute("disabled"));
        Assert.Contains(Refusal.BeyondOwnGrants.Message, dialogs.Find("[data-testid=template-Web]").TextContent);
        Assert.All(dialogs.FindAll("[data-testid=template-Mobile-TaskEditLevel] input[type=radio]"), r => Assert.True(r.HasAttribute("disabled")));
    }

    [Fact]
    public async Task Saving_stores_what_the_switches_show()
    {
        var (owner, _, welder) = await SeedAsync();
        var dialogs = await OpenAsync(owner.Id, welder);

        await Switch(dialogs, Platform.Mobile, PermissionKey.Analytics).ChangeAsync(new ChangeEventArgs { Value = true });
        await dialogs.Find("[data-testid=template-Web-TaskEditLevel]").QuerySelectorAll("input[type=radio]")[3].ChangeAsync(new ChangeEventArgs { Value = "on" });
        await dialogs.Find("[data-testid=template-save]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

        var stored = await WithDbAsync(async s => (await s.GetRequiredService<PositionService>().GetChartAsync(owner.Id))!.Positions.Single().Template);
        Assert.NotNull(stored);
        Assert.True(stored.Mobile.Has(PermissionKey.Analytics));
        Assert.Equal(TaskScope.AllDepartments, stored.Web.TaskScope);
        Assert.True(stored.Web.Has(PermissionKey.TasksView));
    }
}
