using Bunit;
using Hesh.Core.TwoFactor;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Company;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Companies;

public sealed class SecurityPolicySectionTests : HeshComponentTest
{
    [Fact]
    public async Task AnotherAdminsChangeOfThePolicy_AppearsInTheOpenCompanyProfile_NamingThem()
    {
        var (owner, people) = await SeedCompanyAsync("Tom", ("Sam", "Second", true, null));
        SignInAs(owner.Id);
        var snackbar = Render<MudSnackbarProvider>();
        var section = Render<SecurityPolicySection>();
        section.WaitForAssertion(() => Assert.Contains("policy-choice", section.Markup));
        Assert.DoesNotContain("policy-coverage", section.Markup);

        var saved = await WithDbAsync(s => s.GetRequiredService<SecurityPolicyService>().SetAsync(people[0].Id, TwoFactorPolicy.RequiredForEveryone, 7));
        Assert.True(saved.Succeeded, saved.Error);

        section.WaitForAssertion(() => Assert.Contains("policy-coverage", section.Markup));
        snackbar.WaitForAssertion(() => Assert.Contains("Sam Second changed the sign-in policy: two-factor sign-in: Required for everyone.", snackbar.Markup));
    }

    [Fact]
    public async Task OnesOwnChangeOfThePolicy_IsNotAnnouncedBackAsSomeoneElses()
    {
        var (owner, people) = await SeedCompanyAsync("Tom", ("Sam", "Second", true, null));
        SignInAs(owner.Id);
        var snackbar = Render<MudSnackbarProvider>();
        var section = Render<SecurityPolicySection>();
        section.WaitForAssertion(() => Assert.Contains("policy-choice", section.Markup));

        await WithDbAsync(s => s.GetRequiredService<SecurityPolicyService>().SetAsync(owner.Id, TwoFactorPolicy.RequiredForAdministrators, 7));
        // Changes arrive in order: once Sam's is shown, Tom's own has been handled.
        await WithDbAsync(s => s.GetRequiredService<SecurityPolicyService>().SetAsync(people[0].Id, TwoFactorPolicy.RequiredForEveryone, 7));

        snackbar.WaitForAssertion(() => Assert.Contains("Sam Second changed the sign-in policy", snackbar.Markup));
        Assert.DoesNotContain("Tom Owner changed", snackbar.Markup);
    }
}
