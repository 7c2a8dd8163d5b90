using Bunit;
using Hesh.Core.ApiKeys;
using Hesh.Core.Common;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Company.ApiKeys;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.PublicApi;

/// <summary>The Company profile's API keys section and its Create dialog, on the real Core services.</summary>
public sealed class ApiKeysSectionTests : HeshComponentTest
{
    private IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<MudDialogProvider>();
    }

    [Fact]
    public async Task An_owner_without_keys_sees_the_empty_state_and_the_company_id_to_send()
    {
        var (owner, _) = await SeedCompanyAsync("Tom");
        SignInAs(owner.Id);

        var section = Render<ApiKeysSection>();

        section.WaitForAssertion(() => Assert.Contains("No API keys yet", section.Markup));
        Assert.Contains(owner.CompanyId.ToString(), section.Find("[data-testid=api-tenant]").TextContent);
        Assert.NotNull(section.Find("[data-testid=api-key-create]"));
    }

    [Fact]
    public async Task Someone_who_may_not_manage_keys_sees_no_section_at_all()
    {
        var (_, people) = await SeedCompanyAsync("Tom", ("Ann", "User", false, null));
        SignInAs(people[0].Id);

        var section = Render<ApiKeysSection>();

        section.WaitForAssertion(() => Assert.Empty(section.FindAll("[data-testid=api-keys]")));
        Assert.DoesNotContain("x-tenant-id", section.Markup);
    }

    [Fact]
    public async Task The_list_shows_name_scopes_creator_dates_and_status()
    {
        var (owner, people) = await SeedCompanyAsync("Tom", ("Sam", "Second", true, null));
        var created = await WithDbAsync(s => s.GetRequiredService<ApiKeyService>().CreateAsync(people[0].Id,
            new CreateApiKeyInput { Name = "ERP sync", Scopes = ApiScopes.UsersRead | ApiScopes.UsersWrite, ExpiresAt = DateTime.UtcNow.AddDays(30) }));
        SignInAs(owner.Id);

        var section = Render<ApiKeysSection>();

        section.WaitForAssertion(() => Assert.Contains("ERP sync", section.Markup));
        var row = section.Find("[data-testid=api-key-list] tbody tr").TextContent;
        Assert.Contains("users:read", row);
        Assert.Contains("users:write", row);
        Assert.Contains("by Sam Second", row);
        Assert.Contains("Never", row);   // last used
        Assert.Contains($"{created.Value!.Key.ExpiresAt:yyyy-MM-dd}", row);
        Assert.Contains("Active", row);
        Assert.Contains(created.Value.Key.Prefix, row);
        Assert.DoesNotContain(created.Value.Secret, section.Markup);
    }

    [Fact]
    public async Task Creating_a_key_shows_its_secret_once_with_copy_and_the_list_gains_it()
    {
        var (owner, _) = await SeedCompanyAsync("Tom");
        SignInAs(owner.Id);
        var dialogs = RenderProviders();
        var section = Render<ApiKeysSection>();
        section.WaitForAssertion(() => section.Find("[data-testid=api-key-create]"));

        await section.InvokeAsync(() => section.Find("[data-testid=api-key-create]").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("input[data-testid=api-key-name]"));
        dialogs.Find("input[data-testid=api-key-name]").Change("Payroll");
        dialogs.Find("input[data-testid=api-key-write]").Change(true);
        await dialogs.InvokeAsync(() => dialogs.Find("form#api-key-form").Submit());

        dialogs.WaitForAssertion(() => Assert.StartsWith("hesh_", dialogs.Find("[data-testid=api-key-secret]").TextContent));
        var secret = dialogs.Find("[data-testid=api-key-secret]").TextContent;
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=api-key-copy]").Click());
        Assert.Equal(secret, JSInterop.Invocations["navigator.clipboard.writeText"].Single().Arguments[0]);
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=api-key-done]").Click());

        section.WaitForAssertion(() => Assert.Contains("Payroll", section.Markup));
        Assert.DoesNotContain(secret, section.Markup + dialogs.Markup);
        var stored = await WithDbAsync(s => s.GetRequiredService<ApiKeyService>().ListAsync(owner.Id));
        Assert.Equal(ApiScopes.UsersRead | ApiScopes.UsersWrite, Assert.Single(stored.Value!).Scopes);
    }

    [Fact]
    public async Task A_key_without_a_scope_is_refused_in_the_dialog_with_the_reason()
    {
        var (owner, _) = await SeedCompanyAsync("Tom");
        SignInAs(owner.Id);
        var dialogs = RenderProviders();
        var section = Render<ApiKeysSection>();
        section.WaitForAssertion(() => section.Find("[data-testid=api-key-create]"));
        await section.InvokeAsync(() => section.Find("[data-testid=api-key-create]").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("input[data-testid=api-key-name]"));

        dialogs.Find("input[data-testid=api-key-name]").Change("Nothing");
        dialogs.Find("input[data-testid=api-key-read]").Change(false);
        await dialogs.InvokeAsync(() => dialogs.Find("form#api-key-form").Submit());

        dialogs.WaitForAssertion(() => Assert.Contains("Choose at least one scope", dialogs.Markup));
        Assert.Empty(dialogs.FindAll("[data-testid=api-key-secret]"));
        Assert.Empty((await WithDbAsync(s => s.GetRequiredService<ApiKeyService>().ListAsync(owner.Id))).Value!);
    }

    [Fact]
    public async Task Revoke_asks_first_and_cancelling_keeps_the_key()
    {
        var (owner, _) = await SeedCompanyAsync("Tom");
        await WithDbAsync(s => s.GetRequiredService<ApiKeyService>().CreateAsync(owner.Id, new CreateApiKeyInput { Name = "ERP sync" }));
        SignInAs(owner.Id);
        var dialogs = RenderProviders();
        var section = Render<ApiKeysSection>();
        section.WaitForAssertion(() => section.Find("[data-testid=api-key-revoke]"));

        await section.InvokeAsync(() => section.Find("[data-testid=api-key-revoke]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("Revoke ERP sync?", dialogs.Markup));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Cancel").Click());
        Assert.Equal(ApiKeyState.Active, (await WithDbAsync(s => s.GetRequiredService<ApiKeyService>().ListAsync(owner.Id))).Value!.Single().State);

        await section.InvokeAsync(() => section.Find("[data-testid=api-key-revoke]").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=confirm]"));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=confirm]").Click());

        section.WaitForAssertion(() => Assert.Contains("Revoked by Tom Owner", section.Markup));
        Assert.Empty(section.FindAll("[data-testid=api-key-revoke]"));
    }
}
