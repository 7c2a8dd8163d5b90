using Bunit;
using Hesh.Core.AccessRequests;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.AccessRequests;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.AccessRequests;

/// <summary>"Request access" on a no-access notice: the dialog's reason and duration reach Core, and the notice says what happened.</summary>
public sealed class RequestAccessPanelTests : HeshComponentTest
{
    public RequestAccessPanelTests() => Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    private Task<T> DbAsync<T>(Func<HeshDbContext, Task<T>> query) => WithDbAsync(s => query(s.GetRequiredService<HeshDbContext>()));

    [Fact]
    public async Task RequestDialog_SendsTheReasonAndDuration_ThenTheNoticeSaysItIsWaiting_AndOffersWithdraw()
    {
        var (_, people) = await SeedCompanyAsync("Sara", ("Anna", "Novak", false, null));
        var anna = people[0];
        SignInAs(anna.Id);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var panel = Render<RequestAccessPanel>(p => p.Add(x => x.Key, PermissionKey.Analytics));

        panel.WaitForElement("[data-testid=request-open]").Click();
        dialogs.WaitForElement("[data-testid=request-send]");
        Assert.Contains("Request Analytics", dialogs.Markup);
        dialogs.Find("textarea").Input("Monthly report");
        dialogs.FindAll("input[type=radio]").Single(r => r.ParentElement!.ParentElement!.TextContent.Contains("1 day")).Click();
        dialogs.Find("[data-testid=request-send]").Click();

        panel.WaitForElement("[data-testid=request-waiting]");
        Assert.Contains("— waiting for an answer", panel.Find("[data-testid=request-waiting]").TextContent);
        var request = await DbAsync(db => db.AccessRequests.AsNoTracking().SingleAsync(r => r.UserId == anna.Id));
        Assert.Equal(("Monthly report", (int?)24 * 60, AccessRequestStatus.Open), (request.Reason, request.WishedMinutes, request.Status));
        Assert.Empty(panel.FindAll("[data-testid=request-open]"));

        panel.Find("[data-testid=request-withdraw]").Click();

        panel.WaitForElement("[data-testid=request-open]");
        Assert.Equal(AccessRequestStatus.Withdrawn, (await DbAsync(db => db.AccessRequests.AsNoTracking().SingleAsync(r => r.UserId == anna.Id))).Status);
    }

    [Fact]
    public async Task RequestDialog_ShowsCoresRefusal_AndStaysOpen()
    {
        var (_, people) = await SeedCompanyAsync("Tina", ("Anna", "Novak", false, null));
        var anna = people[0];
        SignInAs(anna.Id);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var panel = Render<RequestAccessPanel>(p => p.Add(x => x.Key, PermissionKey.Analytics));
        panel.WaitForElement("[data-testid=request-open]").Click();
        dialogs.WaitForElement("[data-testid=request-send]");
        // Another tab of Anna's asked meanwhile.
        await WithDbAsync(s => s.GetRequiredService<AccessRequestService>().CreateAsync(anna.Id, new AccessRequestInput(PermissionKey.Analytics)));

        dialogs.Find("[data-testid=request-send]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("it is waiting for an answer", dialogs.Find("[data-testid=request-error]").TextContent));
        Assert.Equal(1, await DbAsync(db => db.AccessRequests.CountAsync(r => r.UserId == anna.Id)));
    }

    [Fact]
    public async Task Notice_OffersNoRequest_ForAnAdmin()
    {
        var (owner, _) = await SeedCompanyAsync("Uma");
        SignInAs(owner.Id);

        var panel = Render<RequestAccessPanel>(p => p.Add(x => x.Key, PermissionKey.Analytics));

        panel.WaitForElement("[data-testid=request-access]");
        Assert.Empty(panel.FindAll("[data-testid=request-open]"));
    }
}
