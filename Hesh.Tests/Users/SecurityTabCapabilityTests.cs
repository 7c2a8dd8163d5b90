using Bunit;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Users;

/// <summary>The Security tab's password actions for real viewers of real users, as <see cref="UserQueries"/> returns them.</summary>
public sealed class SecurityTabCapabilityTests : HeshComponentTest
{
    private async Task<IRenderedComponent<SecurityTab>> AsAsync(string viewerId, string userId)
    {
        SignInAs(viewerId);
        var details = await WithDbAsync(s => s.GetRequiredService<UserQueries>().GetAsync(viewerId, userId));
        Render<MudPopoverProvider>();
        return Render<SecurityTab>(p => p.Add(t => t.User, details!));
    }

    private Task<(HeshUser Owner, HeshUser[] People)> SeedAsync() => SeedCompanyAsync("Olga", ("Adam", "Admin", true, null), ("Boris", "Member", false, null));

    private static bool Has(IRenderedComponent<SecurityTab> tab, string testId) => tab.FindAll($"[data-testid={testId}]").Count > 0;

    [Fact]
    public async Task Admin_OnTheOwner_MayOnlySendAResetLink_NotSetOrRequireAPassword()
    {
        var (owner, people) = await SeedAsync();
        var tab = await AsAsync(people[0].Id, owner.Id);

        Assert.True(Has(tab, "send-reset-link"));
        Assert.False(Has(tab, "change-password"));
        Assert.False(Has(tab, "require-password-change"));
        Assert.False(Has(tab, "change-own-password"));
    }

    [Fact]
    public async Task Owner_OnAnAdmin_MaySetSendAndRequireAPassword()
    {
        var (owner, people) = await SeedAsync();
        var tab = await AsAsync(owner.Id, people[0].Id);

        Assert.True(Has(tab, "change-password"));
        Assert.True(Has(tab, "send-reset-link"));
        Assert.True(Has(tab, "require-password-change"));
    }

    [Fact]
    public async Task AdminOnTheirOwnTab_ChangesTheirOwnPasswordOnly()
    {
        var (_, people) = await SeedAsync();
        var tab = await AsAsync(people[0].Id, people[0].Id);

        Assert.True(Has(tab, "change-own-password"));
        Assert.False(Has(tab, "change-password"));
        Assert.False(Has(tab, "require-password-change"));
    }
}
