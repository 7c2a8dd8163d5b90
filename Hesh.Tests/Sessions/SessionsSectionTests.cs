using Bunit;
using Hesh.Core.Sessions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Sessions;

/// <summary>Sign-out buttons show only where Core lets the viewer end the sessions: never an admin on the owner's.</summary>
public sealed class SessionsSectionTests : HeshComponentTest
{
    private async Task<IRenderedComponent<SessionsSection>> AsAsync(string viewerId, HeshUser user)
    {
        await WithDbAsync(s => s.GetRequiredService<SessionService>().BeginAsync(user, "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0", "127.0.0.1"));
        SignInAs(viewerId);
        var details = await WithDbAsync(s => s.GetRequiredService<UserQueries>().GetAsync(viewerId, user.Id));
        Render<MudPopoverProvider>();
        var section = Render<SessionsSection>(p => p.Add(t => t.User, details!));
        section.WaitForElement("[data-testid=session-row]");
        return section;
    }

    [Fact]
    public async Task Admin_OnTheOwnersSessions_SeesThemWithoutSignOutButtons()
    {
        var (owner, people) = await SeedCompanyAsync("Olga", ("Adam", "Admin", true, null));

        var section = await AsAsync(people[0].Id, owner);

        Assert.Empty(section.FindAll("[data-testid=sign-out-session]"));
        Assert.Empty(section.FindAll("[data-testid=sign-out-everywhere]"));
    }

    [Fact]
    public async Task Owner_OnAnAdminsSessions_MaySignThemOut()
    {
        var (owner, people) = await SeedCompanyAsync("Olga", ("Adam", "Admin", true, null));

        var section = await AsAsync(owner.Id, people[0]);

        Assert.NotEmpty(section.FindAll("[data-testid=sign-out-session]"));
        Assert.NotNull(section.Find("[data-testid=sign-out-everywhere]"));
    }
}
