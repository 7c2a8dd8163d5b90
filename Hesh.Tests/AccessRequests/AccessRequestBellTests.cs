using Bunit;
using Hesh.Core.AccessRequests;
using Hesh.Core.Common;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.AccessRequests;
using Hesh.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.AccessRequests;

/// <summary>The top bar's bell: a badge of what one may answer, and the list to approve or decline from, one click each.</summary>
public sealed class AccessRequestBellTests : HeshComponentTest
{
    public AccessRequestBellTests() => Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    private async Task<(HeshUser Owner, HeshUser Anna, HeshUser Boris)> SeedAsync(string owner)
    {
        var (o, people) = await SeedCompanyAsync(owner, ("Anna", "Novak", false, null), ("Boris", "Brown", false, null));
        return (o, people[0], people[1]);
    }

    private Task<Result<MyAccessRequest>> AskAsync(string userId, PermissionKey key, string? reason = null, int? minutes = 60) =>
        WithDbAsync(s => s.GetRequiredService<AccessRequestService>().CreateAsync(userId, new AccessRequestInput(key, reason, minutes)));

    private Task<T> DbAsync<T>(Func<HeshDbContext, Task<T>> query) => WithDbAsync(s => query(s.GetRequiredService<HeshDbContext>()));

    [Fact]
    public async Task Bell_CountsTheWaitingRequests_InItsLabelAndBadge()
    {
        var (owner, anna, boris) = await SeedAsync("Olivia");
        await AskAsync(anna.Id, PermissionKey.Analytics, "Monthly report");
        await AskAsync(boris.Id, PermissionKey.CompanyProfile);
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();

        var bell = Render<AccessRequestBell>();

        bell.WaitForAssertion(() => Assert.Equal("Access requests, 2 waiting", bell.Find("[data-testid=requests-bell]").GetAttribute("aria-label")));
        Assert.Equal("2", bell.Find("[data-testid=requests-badge]").TextContent);
    }

    [Fact]
    public async Task Bell_IsHidden_FromSomeoneWhoCanAnswerNothing()
    {
        var (_, anna, boris) = await SeedAsync("Oscar");
        await AskAsync(anna.Id, PermissionKey.Analytics);
        SignInAs(boris.Id);

        var bell = Render<AccessRequestBell>();

        bell.WaitForState(() => bell.Markup.Length == 0 || bell.Markup.Trim().Length == 0, TimeSpan.FromSeconds(2));
        Assert.Empty(bell.FindAll("[data-testid=requests-bell]"));
    }

    [Fact]
    public async Task ApproveInTheMenu_GrantsThePermission_ForTheChosenDuration_AndTheRequestLeaves()
    {
        var (owner, anna, _) = await SeedAsync("Paula");
        await AskAsync(anna.Id, PermissionKey.Analytics, "Monthly report", minutes: 60);
        SignInAs(owner.Id);
        var popovers = Render<MudPopoverProvider>();
        var bell = Render<AccessRequestBell>();
        bell.WaitForElement("[data-testid=requests-bell]").Click();

        var row = popovers.WaitForElement("[data-testid=request-row]");
        Assert.Contains("Anna Novak asks for Analytics", row.TextContent);
        Assert.Contains("“Monthly report”", row.TextContent);
        Assert.Contains("1 hour", row.TextContent);
        popovers.Find("[data-testid=approve-duration]").Change("480");
        popovers.Find("[data-testid=approve]").Click();

        popovers.WaitForElement("[data-testid=requests-empty]");
        var user = await DbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == anna.Id));
        Assert.True(user.WebAccess.Has(PermissionKey.Analytics));
        var grant = await DbAsync(db => db.PermissionGrants.AsNoTracking().SingleAsync(g => g.UserId == anna.Id && g.Key == PermissionKey.Analytics));
        Assert.Equal(TimeSpan.FromHours(8), grant.EndsAt - grant.GrantedAt);
        Assert.Equal("Access requests, 0 waiting", bell.Find("[data-testid=requests-bell]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task DeclineInTheMenu_SendsTheReason_AndChangesNoAccess()
    {
        var (owner, anna, _) = await SeedAsync("Quinn");
        var asked = await AskAsync(anna.Id, PermissionKey.Analytics);
        SignInAs(owner.Id);
        var popovers = Render<MudPopoverProvider>();
        var bell = Render<AccessRequestBell>();
        bell.WaitForElement("[data-testid=requests-bell]").Click();

        popovers.WaitForElement("[data-testid=decline]").Click();
        popovers.Find("[data-testid=decline-reason] textarea, textarea[data-testid=decline-reason], input[data-testid=decline-reason]").Input("not this week");
        popovers.Find("[data-testid=decline-send]").Click();

        popovers.WaitForElement("[data-testid=requests-empty]");
        var request = await DbAsync(db => db.AccessRequests.AsNoTracking().SingleAsync(r => r.Id == asked.Value!.Id));
        Assert.Equal((AccessRequestStatus.Declined, "not this week"), (request.Status, request.DecisionReason));
        Assert.False((await DbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == anna.Id))).WebAccess.Has(PermissionKey.Analytics));
    }

    [Fact]
    public async Task Bell_FollowsANewRequest_WhenTheLiveLayerSaysSo()
    {
        var (owner, anna, _) = await SeedAsync("Rita");
        SignInAs(owner.Id);
        var bell = Render<AccessRequestBell>();
        bell.WaitForAssertion(() => Assert.Equal("Access requests, 0 waiting", bell.Find("[data-testid=requests-bell]").GetAttribute("aria-label")));

        await AskAsync(anna.Id, PermissionKey.Analytics);
        await bell.InvokeAsync(() => Services.GetRequiredService<LiveState>().PublishAsync(
            new AccessChanged(owner.Id, owner.CompanyId, AccessChangeKind.Requests, anna.Id, "Anna Novak", "Anna Novak requested Analytics"), DateTime.UtcNow));

        bell.WaitForAssertion(() => Assert.Equal("Access requests, 1 waiting", bell.Find("[data-testid=requests-bell]").GetAttribute("aria-label")));
        Assert.Null(Services.GetRequiredService<LiveState>().LastChange);
    }
}
