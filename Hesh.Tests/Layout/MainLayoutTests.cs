using Bunit;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Layout;
using Hesh.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Layout;

/// <summary>The top bar says whose company this is and who is signed in; the page is the main landmark.</summary>
public sealed class MainLayoutTests : HeshComponentTest
{
    public MainLayoutTests()
    {
        ComponentFactories.AddStub<NavMenu>();
        ComponentFactories.AddStub<LiveRefresh>();
        ComponentFactories.AddStub<AntiforgeryToken>();
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<h1>Page</h1>"))));

    [Fact]
    public async Task TheTopBar_ShowsTheCompanysName_AndThePersonWithTheirInitials_LinkingToTheirProfile()
    {
        var (owner, _) = await SeedCompanyAsync("Mira");
        SignInAs(owner.Id);

        var layout = RenderLayout();

        layout.WaitForAssertion(() => Assert.Contains("Mira Co", layout.Find("[data-testid=topbar-company]").TextContent));
        var person = layout.Find("[data-testid=signed-in-as]");
        Assert.Contains("Mira Owner", person.TextContent);
        Assert.Contains("Company owner", person.TextContent);
        Assert.Contains("MO", person.TextContent);
        Assert.Equal($"users/{owner.Id}", person.GetAttribute("href"));
        // No logo yet: the company's initial stands in, and no picture is asked for.
        Assert.Empty(layout.FindAll("img"));
    }

    [Fact]
    public async Task ACompanyWithALogo_ShowsItFromTheCachedEndpoint_NotAsADataUrl()
    {
        var (owner, _) = await SeedCompanyAsync("Lara");
        await WithDbAsync(async s =>
        {
            var db = s.GetRequiredService<Hesh.Core.Data.HeshDbContext>();
            var company = db.Companies.Single(c => c.Id == owner.CompanyId);
            company.Logo = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
            company.LogoContentType = "image/png";
            return await db.SaveChangesAsync();
        });
        SignInAs(owner.Id);

        var layout = RenderLayout();

        layout.WaitForAssertion(() => Assert.StartsWith("company/logo?v=", layout.Find("[data-testid=topbar-company] img").GetAttribute("src")));
        Assert.DoesNotContain("data:image", layout.Markup);
    }

    [Fact]
    public async Task ThePage_IsInsideTheMainLandmark()
    {
        var (owner, _) = await SeedCompanyAsync("Tom");
        SignInAs(owner.Id);

        var layout = RenderLayout();

        Assert.Contains("Page", layout.Find("main#main-content h1").TextContent);
        Assert.Single(layout.FindAll("main"));
    }

    [Fact]
    public async Task ARenamedCompany_ShowsInTheTopBar_WhenTheLiveLayerSaysSo()
    {
        var (owner, _) = await SeedCompanyAsync("Ada");
        SignInAs(owner.Id);
        var layout = RenderLayout();
        layout.WaitForAssertion(() => Assert.Contains("Ada Co", layout.Find("[data-testid=topbar-company]").TextContent));

        await WithDbAsync(async s =>
        {
            var db = s.GetRequiredService<Hesh.Core.Data.HeshDbContext>();
            db.Companies.Single(c => c.Id == owner.CompanyId).Name = "Ada Ironworks";
            return await db.SaveChangesAsync();
        });
        await layout.InvokeAsync(() => Services.GetRequiredService<LiveState>().PublishAsync(
            new Hesh.Core.Common.AccessChanged("", owner.CompanyId, Hesh.Core.Common.AccessChangeKind.Permissions, owner.Id, "Ada Owner", "Company profile"), DateTime.UtcNow));

        layout.WaitForAssertion(() => Assert.Contains("Ada Ironworks", layout.Find("[data-testid=topbar-company]").TextContent));
    }
}
