using System.Net;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Hesh.Tests.Security.SecurityTestExtensions;

namespace Hesh.Tests.Hosting;

public sealed class HardeningTests(AppHost host)
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/healthz")]
    [InlineData("/no-such-page")]
    [InlineData("/_blazor/negotiate?negotiateVersion=1")]
    public async Task EveryResponse_CarriesTheSecurityHeaders_AndNamesNoServerSoftware(string path)
    {
        using var session = new BrowserSession(host);

        var response = await session.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Cross-Origin-Opener-Policy").Single());
        Assert.Equal(HardeningExtensions.PermissionsPolicy, response.Headers.GetValues("Permissions-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public void PermissionsPolicy_SwitchesOffCameraMicrophoneGeolocationPaymentAndUsb_ButKeepsPasskeysForHeshItself()
    {
        var directives = HardeningExtensions.PermissionsPolicy.Split(',', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split('=')[0], d => d.Split('=')[1]);

        Assert.All(new[] { "camera", "microphone", "geolocation", "payment", "usb" }, feature => Assert.Equal("()", directives[feature]));
        Assert.Equal("(self)", directives["publickey-credentials-get"]);
        Assert.Equal("(self)", directives["publickey-credentials-create"]);
    }

    public static TheoryData<string> EmailedLinkPages => ["reset", "invitation", "sign-up"];

    /// <summary>The address of these pages holds the secret the email carried: no referrer may take it, or their origin, elsewhere.</summary>
    [Theory]
    [MemberData(nameof(EmailedLinkPages))]
    public async Task Pages_opened_from_an_emailed_link_send_no_referrer(string page)
    {
        var company = await host.CreateCompanyAsync();
        var path = page switch
        {
            "reset" => ResetPath(company.OwnerEmail, await host.ResetCodeAsync(company.OwnerId)),
            "invitation" => await InvitationAsync(company),
            _ => "/Account/SignUp/Confirm?token=anything",
        };
        using var session = new BrowserSession(host);

        var response = await session.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    private async Task<string> InvitationAsync(TestCompany company)
    {
        var pending = await company.AddUserAsync("Ina", UserStatus.Pending);
        return InvitationPath(pending.Id, await host.IssueInvitationAsync(pending.Id));
    }

    [Fact]
    public void ForwardedFor_IsBelievedFromLoopbackAndTheConfiguredProxiesOnly()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hesh:ForwardedHeaders:KnownProxies:0"] = "10.0.0.5",
            ["Hesh:ForwardedHeaders:KnownProxies:1"] = "fd00::7",
        }).Build();
        var options = new ForwardedHeadersOptions();

        HardeningExtensions.ConfigureForwardedHeaders(options, configuration);

        Assert.Contains(IPAddress.Parse("10.0.0.5"), options.KnownProxies);
        Assert.Contains(IPAddress.Parse("fd00::7"), options.KnownProxies);
        Assert.Contains(IPAddress.IPv6Loopback, options.KnownProxies);
        Assert.Contains(options.KnownIPNetworks, n => n.Contains(IPAddress.Loopback));
        Assert.DoesNotContain(IPAddress.Parse("10.0.0.6"), options.KnownProxies);
    }

    [Fact]
    public void ForwardedFor_RefusesToStartWithAProxyThatIsNotAnAddress()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hesh:ForwardedHeaders:KnownProxies:0"] = "proxy.example",
        }).Build();

        Assert.Throws<InvalidOperationException>(() => HardeningExtensions.ConfigureForwardedHeaders(new ForwardedHeadersOptions(), configuration));
    }

    [Fact]
    public async Task ScriptPolicy_AllowsOnlyOwnFiles_AndTheImportMapByAFreshNoncePerResponse()
    {
        using var session = new BrowserSession(host);

        var first = await session.GetAsync("/Account/Login");
        var second = await session.GetAsync("/Account/Login");

        var nonce = NonceOf(first);
        Assert.NotEqual(nonce, NonceOf(second));
        Assert.DoesNotContain("unsafe-inline", ScriptSource(first));
        Assert.DoesNotContain("unsafe-eval", ScriptSource(first));
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", await first.Content.ReadAsStringAsync());
    }

    private static string ScriptSource(HttpResponseMessage response) =>
        response.Headers.GetValues("Content-Security-Policy").Single().Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));

    private static string NonceOf(HttpResponseMessage response) =>
        ScriptSource(response).Split(' ').Single(s => s.StartsWith("'nonce-", StringComparison.Ordinal))["'nonce-".Length..^1];

    [Fact]
    public async Task Healthz_IsHealthy_WhenTheDatabaseAnswers()
    {
        using var session = new BrowserSession(host);

        var response = await session.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
