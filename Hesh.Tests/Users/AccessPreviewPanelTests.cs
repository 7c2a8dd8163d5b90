using Bunit;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using MudBlazor;

namespace Hesh.Tests.Users;

public sealed class AccessPreviewTests : HeshComponentTest
{
    private static AccessPreview PreviewOf(AccessPair after, params OpenPage[] open) => PreviewOf(AccessPair.Defaults, after, open);

    private static AccessPreview PreviewOf(AccessPair before, AccessPair after, params OpenPage[] open) =>
        new("u1", "Anna Novak", 3, AccessDiff.Between(before, after), null, open);

    [Fact]
    public void Summary_ShowsPlusAndMinus_AndListsEachPermissionGainedAndLost()
    {
        var before = AccessPair.Defaults with { Mobile = AccessSet.Defaults(Platform.Mobile).With(PermissionKey.ProductsView, true) };
        var after = new AccessPair(AccessSet.Defaults(Platform.Web).With(PermissionKey.ProductionsEdit, true), AccessSet.Defaults(Platform.Mobile));

        var panel = Render<AccessPreviewPanel>(p => p.Add(x => x.Preview, PreviewOf(before, after)));

        Assert.Equal("+2 / −1", panel.Find("[data-testid=preview-summary]").TextContent.Trim());
        var gained = panel.FindAll("[data-testid=preview-gained] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["Productions view (web)", "Productions edit (web)"], gained);
        Assert.Equal("Products view (mobile)", panel.Find("[data-testid=preview-lost] li").TextContent.Trim());
        Assert.Empty(panel.FindAll("[data-testid=confirm-closing-pages]"));
        Assert.True(AccessPreviewPanel.Ready(PreviewOf(after), confirmed: false));
    }

    [Fact]
    public void ARemovalClosingAnOpenPage_AsksForExplicitConfirmation_BeforeItIsReady()
    {
        Render<MudPopoverProvider>();
        var before = AccessPair.Defaults with { Web = AccessSet.Defaults(Platform.Web).With(PermissionKey.Analytics, true) };
        var preview = new AccessPreview("u1", "Anna Novak", 3, AccessDiff.Between(before, AccessPair.Defaults), null, [new OpenPage("analytics", PermissionKey.Analytics)]);
        var confirmed = false;

        var panel = Render<AccessPreviewPanel>(p => p.Add(x => x.Preview, preview).Add(x => x.ConfirmedChanged, v => confirmed = v));

        Assert.Contains("/analytics open right now", panel.Markup);
        Assert.False(AccessPreviewPanel.Ready(preview, confirmed));
        panel.Find("input[type=checkbox]").Change(true);
        Assert.True(confirmed);
        Assert.True(AccessPreviewPanel.Ready(preview, confirmed));
    }

    [Fact]
    public void ARefusedPreview_SaysWhy_AndIsNeverReady()
    {
        var preview = PreviewOf(AccessPair.Defaults with { Web = AccessSet.Defaults(Platform.Web).With(PermissionKey.Analytics, true) }) with
        {
            Refusal = Refusal.BeyondOwnGrants.Message,
        };

        var panel = Render<AccessPreviewPanel>(p => p.Add(x => x.Preview, preview));

        Assert.Contains(Refusal.BeyondOwnGrants.Message, panel.Find("[data-testid=preview-refusal]").TextContent);
        Assert.False(AccessPreviewPanel.Ready(preview, confirmed: true));
    }
}
