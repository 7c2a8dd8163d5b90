using Bunit;
using Hesh.Core.Common;
using Hesh.Core.Data;
using Hesh.Core.Webhooks;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Company.Webhooks;
using Hesh.Web.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Webhooks;

public sealed class WebhooksSectionTests : HeshComponentTest
{
    public WebhooksSectionTests() => Services.AddSingleton<IWebhookSecrets, DataProtectionWebhookSecrets>();

    private Task<Result<WebhookSecret>> AddAsync(string actorId, string url, WebhookEvents events) =>
        WithDbAsync(s => s.GetRequiredService<WebhookService>().AddAsync(actorId, new WebhookInput(url, "ERP sync", events)));

    [Fact]
    public async Task OwnerWithoutWebhooks_SeesTheEmptyStateWithAnAddButton()
    {
        var (owner, _) = await SeedCompanyAsync("Tom");
        SignInAs(owner.Id);

        var section = Render<WebhooksSection>();

        section.WaitForAssertion(() => Assert.Contains("No webhooks yet", section.Markup));
        Assert.Single(section.FindAll("[data-testid=webhook-add]"));
        Assert.Empty(section.FindAll("[data-testid=webhook-endpoint]"));
    }

    [Fact]
    public async Task NonAdmin_IsToldWhoManagesWebhooks_AndSeesNoEndpoint()
    {
        var (owner, people) = await SeedCompanyAsync("Tom", ("Nia", "Member", false, null));
        Assert.True((await AddAsync(owner.Id, "https://93.184.216.34/hooks", WebhookEvents.UserCreated)).Succeeded);
        SignInAs(people[0].Id);

        var section = Render<WebhooksSection>();

        section.WaitForAssertion(() => Assert.Contains("Only the company owner and administrators can manage webhooks.", section.Markup));
        Assert.DoesNotContain("93.184.216.34", section.Markup);
        Assert.Empty(section.FindAll("[data-testid=webhook-add]"));
    }

    [Fact]
    public async Task Endpoint_IsListedWithItsEventsStatusAndLastDelivery()
    {
        var (owner, _) = await SeedCompanyAsync("Tom");
        var added = await AddAsync(owner.Id, "https://93.184.216.34/hooks", WebhookEvents.UserCreated | WebhookEvents.UserPositionChanged);
        await WithDbAsync(async s =>
        {
            var db = s.GetRequiredService<HeshDbContext>();
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                EndpointId = added.Value!.EndpointId, CompanyId = owner.CompanyId, Event = "user.created", EventId = Guid.NewGuid(), Payload = "{}",
                CreatedAt = new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc), Status = WebhookDeliveryStatus.Delivered, Attempts = 1, LastStatusCode = 200,
            });
            return await db.SaveChangesAsync();
        });
        SignInAs(owner.Id);

        var section = Render<WebhooksSection>();

        section.WaitForAssertion(() => Assert.Single(section.FindAll("[data-testid=webhook-endpoint]")));
        Assert.Contains("https://93.184.216.34/hooks", section.Find("[data-testid=webhook-endpoint-url]").TextContent);
        Assert.Contains("user.created", section.Markup);
        Assert.Contains("user.position_changed", section.Markup);
        Assert.DoesNotContain("user.imported", section.Markup);
        Assert.Contains("Enabled", section.Markup);
        Assert.Equal("Last delivery: user.created · delivered (200) · 2026-12-01 09:30 UTC", section.Find("[data-testid=webhook-last-delivery]").TextContent.Trim());
    }

    [Fact]
    public async Task DeliveryLog_ShowsEachAttemptsOutcome_AndOffersResendForFinishedOnes()
    {
        var (owner, _) = await SeedCompanyAsync("Tom");
        var added = await AddAsync(owner.Id, "https://93.184.216.34/hooks", WebhookEvents.UserCreated);
        await WithDbAsync(async s =>
        {
            var db = s.GetRequiredService<HeshDbContext>();
            var at = DateTime.UtcNow;
            db.WebhookDeliveries.AddRange(
                new WebhookDelivery { EndpointId = added.Value!.EndpointId, CompanyId = owner.CompanyId, Event = "user.created", EventId = Guid.NewGuid(), Payload = "{}",
                    CreatedAt = at.AddMinutes(-5), Status = WebhookDeliveryStatus.Failed, Attempts = 9, LastStatusCode = 500, LastDurationMs = 42, LastAttemptAt = at.AddMinutes(-4) },
                new WebhookDelivery { EndpointId = added.Value!.EndpointId, CompanyId = owner.CompanyId, Event = "user.created", EventId = Guid.NewGuid(), Payload = "{}",
                    CreatedAt = at, Status = WebhookDeliveryStatus.Pending, NextAttemptAt = at.AddMinutes(5) });
            return await db.SaveChangesAsync();
        });
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();
        var snackbar = Render<MudSnackbarProvider>();
        var section = Render<WebhooksSection>();
        section.WaitForAssertion(() => Assert.Single(section.FindAll("[data-testid=webhook-log-toggle]")));

        await section.InvokeAsync(() => section.Find("[data-testid=webhook-log-toggle]").Click());

        section.WaitForAssertion(() => Assert.Equal(2, section.FindAll("[data-testid=webhook-delivery]").Count));
        var failed = section.FindAll("[data-testid=webhook-delivery]")[1];
        Assert.Contains("Failed", failed.TextContent);
        Assert.Contains("500", failed.TextContent);
        Assert.Contains("42 ms", failed.TextContent);
        // A row still being retried offers no Resend: it is queued already.
        Assert.Single(section.FindAll("[data-testid=webhook-resend]"));

        await section.InvokeAsync(() => section.Find("[data-testid=webhook-resend]").Click());

        snackbar.WaitForAssertion(() => Assert.Contains("user.created queued again.", snackbar.Markup));
        section.WaitForAssertion(() => Assert.Equal(3, section.FindAll("[data-testid=webhook-delivery]").Count));
        Assert.Equal(2, await WithDbAsync(s => s.GetRequiredService<HeshDbContext>().WebhookDeliveries.CountAsync(d => d.Status == WebhookDeliveryStatus.Pending)));
    }

    [Fact]
    public async Task AddDialog_ShowsCoresMessageForARefusedAddress_AndAddsNothing()
    {
        var (owner, _) = await SeedCompanyAsync("Tom");
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var section = Render<WebhooksSection>();
        section.WaitForAssertion(() => Assert.Single(section.FindAll("[data-testid=webhook-add]")));

        await section.InvokeAsync(() => section.Find("[data-testid=webhook-add]").Click());
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("input[data-testid=webhook-url]")));
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=webhook-url]").Change("https://10.0.0.7/hooks"));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=webhook-save]").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("The address is a private address; webhooks only reach public internet addresses.", dialogs.Markup));
        Assert.Equal(0, await WithDbAsync(s => s.GetRequiredService<HeshDbContext>().WebhookEndpoints.CountAsync()));
    }

    [Fact]
    public async Task AddingAWebhook_ShowsTheSecretOnce_AndListsTheEndpoint()
    {
        var (owner, _) = await SeedCompanyAsync("Tom");
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var section = Render<WebhooksSection>();
        section.WaitForAssertion(() => Assert.Single(section.FindAll("[data-testid=webhook-add]")));

        await section.InvokeAsync(() => section.Find("[data-testid=webhook-add]").Click());
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("input[data-testid=webhook-url]")));
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=webhook-url]").Change("https://93.184.216.34/hooks"));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=webhook-save]").Click());

        dialogs.WaitForAssertion(() => Assert.StartsWith("whsec_", dialogs.Find("input[data-testid=webhook-secret]").GetAttribute("value")));
        var secret = dialogs.Find("input[data-testid=webhook-secret]").GetAttribute("value")!;
        section.WaitForAssertion(() => Assert.Single(section.FindAll("[data-testid=webhook-endpoint]")));
        Assert.DoesNotContain(secret, section.Markup);
        var stored = await WithDbAsync(s => s.GetRequiredService<HeshDbContext>().WebhookEndpoints.SingleAsync());
        Assert.NotEqual(secret, stored.ProtectedSecret);
        Assert.DoesNotContain(secret, stored.ProtectedSecret);
    }
}
