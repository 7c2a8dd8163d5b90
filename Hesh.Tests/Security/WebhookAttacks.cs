using System.Net;
using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Core.Webhooks;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Webhooks;
using static Hesh.Tests.Security.SecurityTestExtensions;

namespace Hesh.Tests.Security;

/// <summary>A host as production runs it: loopback receivers refused (Hesh:Webhooks:AllowLoopback off), no dispatcher.</summary>
public sealed class StrictWebhookHost : IAsyncLifetime
{
    public AppHost Host { get; } = new(new Dictionary<string, string>
    {
        ["Hesh:Webhooks:AllowLoopback"] = "false",
        ["Hesh:Webhooks:Dispatch"] = "false",
    });

    public ValueTask InitializeAsync() => Host.InitializeAsync();

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

/// <summary>
/// Webhooks: only the owner and administrators of the endpoint's own company manage it; every address a webhook could
/// use to reach inside the network is refused with a message; bad input is refused. Each refused attempt changes
/// nothing — neither the company (<see cref="DbFingerprint"/>) nor any webhook endpoint or delivery row.
/// </summary>
public sealed class WebhookAttacks(StrictWebhookHost fixture) : IClassFixture<StrictWebhookHost>
{
    private AppHost Host => fixture.Host;

    /// <summary>Company A with an endpoint and one queued delivery; Max holds "Company profile" but is no admin; company B's owner.</summary>
    private sealed record World(TestCompany A, TestCompany B, HeshUser Max, HeshUser InactiveAdmin, Guid Endpoint, long Delivery);

    private static readonly OnceBuilt<World> Shared = new();

    private Task<World> WorldAsync() => Shared.GetAsync(async () =>
    {
        var a = await Host.CreateCompanyAsync();
        var b = await Host.CreateCompanyAsync();
        var max = await a.AddUserAsync("Max");
        var version = (await Host.FindUserAsync(max.Id))!.AccessVersion;
        Ok(await Host.Call<UserPermissionService, Result<PermissionSheet>>(s => s.ToggleAsync(a.OwnerId, max.Id, Platform.Web, PermissionKey.CompanyProfile, true, version)));
        var inactiveAdmin = await a.AddUserAsync("Ivo", UserStatus.Inactive, admin: true);
        var added = await Host.Call<WebhookService, Result<WebhookSecret>>(s => s.AddAsync(a.OwnerId,
            new WebhookInput("https://93.184.216.34/hesh", "ERP", WebhookEvents.UserCreated)));
        Ok(added);
        await Host.InviteAsync(a, "Queued");
        var delivery = Assert.Single(await Host.DeliveriesAsync(added.Value!.EndpointId));
        return new World(a, b, max, inactiveAdmin, added.Value.EndpointId, delivery.Id);
    });

    private static void Ok(Result result) => Assert.True(result.Succeeded, result.Error);

    private static Task<Result> Add(AppHost h, string actor, string? url, WebhookEvents events = WebhookEvents.UserCreated, string? description = null) =>
        h.Call<WebhookService, Result>(async s => await s.AddAsync(actor, new WebhookInput(url, description, events)));

    private static readonly Dictionary<string, Func<AppHost, World, Task<Result>>> Attacks = new()
    {
        // Who: not an admin, another company, not active, nobody.
        ["Holder_of_company_profile_who_is_no_admin_cannot_add_a_webhook"] = (h, w) => Add(h, w.Max.Id, "https://93.184.216.34/max"),
        ["Non_admin_cannot_change_events"] = (h, w) => h.Call<WebhookService, Result>(s => s.UpdateAsync(w.Max.Id, w.Endpoint, null, WebhookEventTypes.All)),
        ["Non_admin_cannot_disable"] = (h, w) => h.Call<WebhookService, Result>(s => s.SetEnabledAsync(w.Max.Id, w.Endpoint, false)),
        ["Non_admin_cannot_replace_the_secret"] = (h, w) => h.Call<WebhookService, Result>(async s => await s.RotateSecretAsync(w.Max.Id, w.Endpoint)),
        ["Non_admin_cannot_remove"] = (h, w) => h.Call<WebhookService, Result>(s => s.RemoveAsync(w.Max.Id, w.Endpoint)),
        ["Non_admin_cannot_read_the_delivery_log"] = (h, w) => h.Call<WebhookService, Result>(async s => await s.DeliveriesAsync(w.Max.Id, w.Endpoint)),
        ["Non_admin_cannot_resend"] = (h, w) => h.Call<WebhookService, Result>(s => s.ResendAsync(w.Max.Id, w.Delivery)),
        ["Other_companys_owner_cannot_change_events"] = (h, w) => h.Call<WebhookService, Result>(s => s.UpdateAsync(w.B.OwnerId, w.Endpoint, "mine", WebhookEventTypes.All)),
        ["Other_companys_owner_cannot_disable"] = (h, w) => h.Call<WebhookService, Result>(s => s.SetEnabledAsync(w.B.OwnerId, w.Endpoint, false)),
        ["Other_companys_owner_cannot_replace_the_secret"] = (h, w) => h.Call<WebhookService, Result>(async s => await s.RotateSecretAsync(w.B.OwnerId, w.Endpoint)),
        ["Other_companys_owner_cannot_remove"] = (h, w) => h.Call<WebhookService, Result>(s => s.RemoveAsync(w.B.OwnerId, w.Endpoint)),
        ["Other_companys_owner_cannot_read_the_delivery_log"] = (h, w) => h.Call<WebhookService, Result>(async s => await s.DeliveriesAsync(w.B.OwnerId, w.Endpoint)),
        ["Other_companys_owner_cannot_resend"] = (h, w) => h.Call<WebhookService, Result>(s => s.ResendAsync(w.B.OwnerId, w.Delivery)),
        ["Inactivated_admin_cannot_add_a_webhook"] = (h, w) => Add(h, w.InactiveAdmin.Id, "https://93.184.216.34/ivo"),
        ["Inactivated_admin_cannot_remove"] = (h, w) => h.Call<WebhookService, Result>(s => s.RemoveAsync(w.InactiveAdmin.Id, w.Endpoint)),
        ["Call_without_a_signed_in_actor_is_refused"] = (h, w) => Add(h, "", "https://93.184.216.34/nobody"),
        ["Unknown_endpoint_is_not_found"] = (h, w) => h.Call<WebhookService, Result>(s => s.RemoveAsync(w.A.OwnerId, Guid.NewGuid())),
        ["Unknown_delivery_is_not_found"] = (h, w) => h.Call<WebhookService, Result>(s => s.ResendAsync(w.A.OwnerId, long.MaxValue)),

        // Where: nothing inside the network, nothing unencrypted.
        ["Http_url_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "http://erp.example.com/hooks"),
        ["Loopback_ip_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://127.0.0.1/hooks"),
        ["Loopback_over_http_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "http://127.0.0.1:5000/hooks"),
        ["Localhost_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://localhost/hooks"),
        ["Ipv6_loopback_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://[::1]/hooks"),
        ["Private_10_network_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://10.0.0.5/hooks"),
        ["Private_172_16_network_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://172.20.1.1/hooks"),
        ["Private_192_168_network_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://192.168.0.10/hooks"),
        ["Cloud_metadata_address_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://169.254.169.254/latest/meta-data/"),
        ["Link_local_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://169.254.1.1/hooks"),
        ["Carrier_grade_nat_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://100.64.1.1/hooks"),
        ["Multicast_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://224.0.0.1/hooks"),
        ["Ipv6_unique_local_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://[fd00::1]/hooks"),
        ["Ipv6_link_local_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://[fe80::1]/hooks"),
        ["Ipv4_mapped_private_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://[::ffff:10.0.0.1]/hooks"),
        ["Decimal_encoded_loopback_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://2130706433/hooks"),
        ["Unspecified_address_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://0.0.0.0/hooks"),
        ["Credentials_in_url_are_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://admin:secret@erp.example.com/hooks"),
        ["Javascript_url_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "javascript:alert(1)"),
        ["File_url_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "file:///etc/passwd"),
        ["Huge_url_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://erp.example.com/" + new string('a', 20_000)),
        ["Empty_url_is_refused"] = (h, w) => Add(h, w.A.OwnerId, ""),

        // What: known events only, a short plain description.
        ["No_event_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://93.184.216.34/none", WebhookEvents.None),
        ["Unknown_event_flag_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://93.184.216.34/bad", (WebhookEvents)1024),
        ["Negative_event_flags_are_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://93.184.216.34/bad", (WebhookEvents)(-1)),
        ["Changing_to_unknown_events_is_refused"] = (h, w) => h.Call<WebhookService, Result>(s => s.UpdateAsync(w.A.OwnerId, w.Endpoint, null, (WebhookEvents)96)),
        ["Changing_to_no_event_is_refused"] = (h, w) => h.Call<WebhookService, Result>(s => s.UpdateAsync(w.A.OwnerId, w.Endpoint, null, WebhookEvents.None)),
        ["Huge_description_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://93.184.216.34/long", description: new string('d', 10_000)),
        ["Markup_in_description_is_refused"] = (h, w) => Add(h, w.A.OwnerId, "https://93.184.216.34/xss", description: "<script>alert(1)</script>"),
    };

    public static IEnumerable<TheoryDataRow<string>> Cases() => Rows(Attacks.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Webhook_attack_is_refused_with_a_reason_and_changes_nothing(string rule)
    {
        var world = await WorldAsync();
        var before = await WebhookSteps.FingerprintAsync(Host, world.A.Id, world.B.Id);

        var result = await Attacks[rule](Host, world);

        Assert.False(result.Succeeded, $"{rule}: the action went through.");
        Assert.False(string.IsNullOrWhiteSpace(result.Error), "A refusal says why.");
        TestContext.Current.TestOutputHelper?.WriteLine($"{rule}: {result.Error} {string.Join(" ", result.FieldErrors.Values)}");
        Assert.Equal(before, await WebhookSteps.FingerprintAsync(Host, world.A.Id, world.B.Id));
    }

    [Fact]
    public async Task Webhooks_list_is_not_given_to_a_non_admin_nor_to_another_company()
    {
        var world = await WorldAsync();
        Assert.Null(await Host.Call<WebhookService, WebhooksView?>(s => s.ListAsync(world.Max.Id)));
        Assert.Null(await Host.Call<WebhookService, WebhooksView?>(s => s.ListAsync(world.InactiveAdmin.Id)));
        Assert.Empty((await Host.Call<WebhookService, WebhooksView?>(s => s.ListAsync(world.B.OwnerId)))!.Endpoints);
    }

    [Fact]
    public async Task Company_page_signed_out_is_sent_to_sign_in_and_shows_no_webhook()
    {
        var world = await WorldAsync();
        using var anonymous = new BrowserSession(Host);
        var before = await WebhookSteps.FingerprintAsync(Host, world.A.Id);

        var response = await anonymous.GetAsync("/company");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain("93.184.216.34", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await WebhookSteps.FingerprintAsync(Host, world.A.Id));
    }

    [Fact]
    public async Task Company_page_of_a_non_admin_holder_says_who_manages_webhooks_and_lists_none()
    {
        var world = await WorldAsync();
        using var session = await Host.SignedInAsync(world.Max.Email!);

        var body = await (await session.GetAsync("/company")).Content.ReadAsStringAsync();

        Assert.Contains("Only the company owner and administrators can manage webhooks.", body);
        Assert.DoesNotContain("93.184.216.34", body);
    }

    [Fact]
    public async Task Added_url_that_is_refused_at_connect_time_is_never_dialled()
    {
        // An address that passed at add time but resolves to loopback when dialled (DNS rebinding): the connection is
        // refused on the address actually dialled, so the receiver never sees the body.
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new HttpClient(WebhookHttp.CreateHandler(allowLoopback: false));
        var url = receiver.NewUrl().Replace("127.0.0.1", "localhost");

        var response = await new HttpWebhookSender(client).SendAsync(new Uri(url), "{}", new Dictionary<string, string>(), TestContext.Current.CancellationToken);

        Assert.False(response.Succeeded);
        Assert.Contains("Refused", response.Error);
        Assert.Empty(receiver.All);
    }
}
