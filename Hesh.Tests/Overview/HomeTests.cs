using Bunit;
using Hesh.Core.Overview;
using Hesh.Core.Permissions;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages;
using Hesh.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Overview;

/// <summary>The Overview shows the sections Core returns, each with its empty state, and nothing Core withheld.</summary>
public sealed class HomeTests : HeshComponentTest
{
    public HomeTests()
    {
        Services.AddSingleton<IOnlinePeople, OnlinePeople>();
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task TheOwnerOfANewCompany_SeesGettingStarted_AndEverySection_WithItsEmptyState()
    {
        var (owner, _) = await SeedCompanyAsync("Olga");
        SignInAs(owner.Id);

        var page = Render<Home>();

        page.WaitForElement("[data-testid=checklist]");
        Assert.Contains("Welcome, Olga.", page.Find("[data-testid=overview-welcome]").TextContent);
        Assert.Contains("0 of 5 done", page.Find("[data-testid=checklist-progress]").TextContent);
        foreach (var section in new[] { "overview-productions", "overview-invitations", "overview-dayoffs", "overview-permissions" })
        {
            Assert.NotNull(page.Find($"[data-testid={section}-empty]"));
        }
        Assert.Equal("audit", page.Find("[data-testid=overview-permissions] footer a").GetAttribute("href"));
    }

    [Fact]
    public async Task APerformer_SeesOnlyTheirOwnWork_NoChecklist_NoPeopleSections()
    {
        var (_, people) = await SeedCompanyAsync("Nina", ("Pavel", "Performer", false, null));
        SignInAs(people[0].Id);

        var page = Render<Home>();

        page.WaitForElement("[data-testid=overview-mine]");
        foreach (var hidden in new[] { "checklist", "overview-productions", "overview-invitations", "overview-dayoffs", "overview-online", "overview-permissions" })
        {
            Assert.Empty(page.FindAll($"[data-testid={hidden}]"));
        }
        Assert.DoesNotContain("Audit log", page.Markup);
    }

    [Fact]
    public async Task PendingInvitations_AreCountedAndListed_AndWhoIsOnlineComesFromPresence()
    {
        var (owner, people) = await SeedCompanyAsync("Ivan", ("Tara", "Teammate", false, null));
        await WithDbAsync(async s =>
        {
            var db = s.GetRequiredService<Hesh.Core.Data.HeshDbContext>();
            var pending = new Hesh.Core.Users.HeshUser
            {
                UserName = "new@test.hesh", Email = "new@test.hesh", CompanyId = owner.CompanyId, FirstName = "Nadia", LastName = "New",
                Status = Hesh.Core.Users.UserStatus.Pending, CreatedAt = DateTime.UtcNow,
            };
            Hesh.Core.Users.Invitation.Issue(pending, DateTime.UtcNow);
            db.Users.Add(pending);
            return await db.SaveChangesAsync();
        });
        Services.GetRequiredService<IPresenceStore>().Put("c:tara", new PresenceEntry(people[0].Id, PresenceKind.Circuit, null));
        SignInAs(owner.Id);

        var page = Render<Home>();

        page.WaitForElement("[data-testid=overview-invitations-count]");
        Assert.Equal("1", page.Find("[data-testid=overview-invitations-count]").TextContent);
        Assert.Contains("Nadia New", page.Find("[data-testid=overview-invitations]").TextContent);
        Assert.Contains("new@test.hesh", page.Find("[data-testid=overview-invitations]").TextContent);
        Assert.Contains("Tara Teammate", page.Find("[data-testid=overview-online]").TextContent);
        Assert.Equal("1", page.Find("[data-testid=overview-online-count]").TextContent);
    }

    [Fact]
    public async Task APermissionGrantedLive_OpensItsSection_WithoutAReload()
    {
        var (owner, people) = await SeedCompanyAsync("Lena", ("Boris", "Builder", false, null));
        SignInAs(people[0].Id);
        var page = Render<Home>();
        page.WaitForElement("[data-testid=overview-mine]");
        Assert.Empty(page.FindAll("[data-testid=overview-productions]"));

        await WithDbAsync(async s =>
        {
            var db = s.GetRequiredService<Hesh.Core.Data.HeshDbContext>();
            var boris = db.Users.Single(u => u.Id == people[0].Id);
            boris.WebAccess = boris.WebAccess.With(PermissionKey.ProductionsView, true);
            boris.AccessVersion++;
            return await db.SaveChangesAsync();
        });
        await page.InvokeAsync(() => Services.GetRequiredService<LiveState>().PublishAsync(
            new Hesh.Core.Common.AccessChanged(people[0].Id, owner.CompanyId, Hesh.Core.Common.AccessChangeKind.Permissions, owner.Id, "Lena Owner", "Productions view"), DateTime.UtcNow));

        page.WaitForElement("[data-testid=overview-productions]");
    }
}
