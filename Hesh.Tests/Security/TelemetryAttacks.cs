using System.Net;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Telemetry;
using static Hesh.Tests.Security.SecurityTestExtensions;

namespace Hesh.Tests.Security;

/// <summary>
/// /metrics switched on (its own host): a session cookie, a token in the wrong place or shape, a foreign page and odd
/// paths all get a bare refusal, never the exposition — and no attempt writes anything of the company.
/// </summary>
public sealed class TelemetryAttacks(TelemetryHost telemetry) : IClassFixture<TelemetryHost>
{
    private AppHost Host => telemetry.Host;

    private static readonly Dictionary<string, Action<HttpRequestMessage>> OddAuthorizations = new()
    {
        ["bearer without a token"] = r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer"),
        ["bearer with blanks only"] = r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer    "),
        ["the token without a scheme"] = r => r.Headers.TryAddWithoutValidation("Authorization", TelemetryHost.Token),
        ["the token as basic credentials"] = r => r.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String("prometheus:"u8.ToArray()) + TelemetryHost.Token),
        ["a prefix of the token"] = r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TelemetryHost.Token[..^4]),
        ["the token twice"] = r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TelemetryHost.Token + TelemetryHost.Token),
        ["a huge token (16 KB)"] = r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('a', 16_000)),
        ["a tab for the blank"] = r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer\t" + TelemetryHost.Token),
        ["a wrong and the right header together"] = r => r.Headers.TryAddWithoutValidation("Authorization", ["Bearer wrong", "Bearer " + TelemetryHost.Token]),
        ["the token in the query string"] = r => r.RequestUri = new Uri($"/metrics?token={TelemetryHost.Token}&access_token={TelemetryHost.Token}", UriKind.Relative),
        ["the token in a cookie"] = r => r.Headers.TryAddWithoutValidation("Cookie", $"token={TelemetryHost.Token}"),
    };

    public static IEnumerable<TheoryDataRow<string>> OddAuthorizationCases => Rows(OddAuthorizations.Keys);

    [Theory]
    [MemberData(nameof(OddAuthorizationCases))]
    public async Task An_odd_authorization_is_401_with_no_body_and_changes_nothing(string attack)
    {
        var company = await Host.CreateCompanyAsync();
        var before = await DbFingerprint.TakeAsync(Host, company.Id);

        using var response = await telemetry.ScrapeAsync(token: null, tweak: OddAuthorizations[attack]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(Host, company.Id));
    }

    [Fact]
    public async Task The_owners_session_cookie_does_not_open_metrics()
    {
        var company = await Host.CreateCompanyAsync();
        using var owner = new BrowserSession(Host).From("10.30.0.1");
        await owner.SignInAsync(company.OwnerEmail, TestCompany.Password);
        Assert.True(await owner.IsSignedInAsync());
        var before = await DbFingerprint.TakeAsync(Host, company.Id);

        using var response = await owner.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(Host, company.Id));
    }

    [Fact]
    public async Task A_header_beyond_the_servers_limit_is_refused_without_the_exposition()
    {
        using var response = await telemetry.ScrapeAsync(token: null,
            tweak: r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('z', 64_000)));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_foreign_page_is_refused_without_the_token_and_never_allowed_to_read_the_answer()
    {
        using var refused = await telemetry.ScrapeAsync(token: null, tweak: r => r.Headers.Add("Origin", "https://evil.example"));
        using var preflight = await telemetry.ScrapeAsync(token: null, method: HttpMethod.Options, tweak: r =>
        {
            r.Headers.Add("Origin", "https://evil.example");
            r.Headers.Add("Access-Control-Request-Method", "GET");
            r.Headers.Add("Access-Control-Request-Headers", "authorization");
        });
        // Even a page that somehow holds the token cannot read the answer: no CORS grant is ever sent.
        using var withToken = await telemetry.ScrapeAsync(tweak: r => r.Headers.Add("Origin", "https://evil.example"));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, preflight.StatusCode);
        Assert.All(new[] { refused, preflight, withToken }, r => Assert.False(r.Headers.Contains("Access-Control-Allow-Origin")));
    }

    [Theory]
    [InlineData("/METRICS")]
    [InlineData("/Metrics/")]
    [InlineData("/metrics/")]
    [InlineData("/metrics;x=1")]
    [InlineData("/%6Detrics")]
    public async Task A_disguised_path_without_the_token_never_gets_the_exposition(string path)
    {
        using var response = await telemetry.ScrapeAsync(token: null, path: path);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_forged_forwarded_address_inside_the_networks_still_needs_the_token()
    {
        using var response = await telemetry.ScrapeAsync(token: null, tweak: r => r.Headers.Add("X-Forwarded-For", "10.0.0.1"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
