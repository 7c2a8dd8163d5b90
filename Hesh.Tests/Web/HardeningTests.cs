using System.Net;
using Hesh.Tests.Infrastructure;

namespace Hesh.Tests.Web;

public sealed class HardeningTests(AppHost host)
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/healthz")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        using var session = new BrowserSession(host);

        var response = await session.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
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
