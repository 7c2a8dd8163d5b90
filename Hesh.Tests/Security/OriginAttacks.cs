using System.Net;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Live;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using static Hesh.Tests.Security.SecurityTestExtensions;

namespace Hesh.Tests.Security;

/// <summary>
/// Cross-site WebSocket hijacking: a page on another site opens Hesh's live connections (<c>/_blazor</c>, the circuit;
/// <c>/hubs/permissions</c>, the hub) from the signed-in user's browser, which sends the user's cookie along. The
/// browser names the page's origin; Hesh refuses every origin but its own (Hesh.Web/Live/LiveGuards.cs), on the
/// negotiate, the WebSocket upgrade and long polling alike. Native clients send no Origin and still connect.
/// </summary>
public sealed class OriginAttacks(AppHost host)
{
    public static TheoryData<string, string> ForeignOrigins => new()
    {
        { LiveSockets.Blazor, "http://127.0.0.1:1" },
        { LiveSockets.Blazor, "https://evil.example" },
        { LiveSockets.Blazor, "null" },
        { PermissionsHub.Path, "http://127.0.0.1:1" },
        { PermissionsHub.Path, "https://evil.example" },
        { PermissionsHub.Path, "null" },
    };

    public static TheoryData<string> LivePaths => [LiveSockets.Blazor, PermissionsHub.Path];

    private string OwnOrigin => host.BaseAddress.GetLeftPart(UriPartial.Authority);

    private async Task<(TestCompany Company, BrowserSession Session)> SignedInOwnerAsync()
    {
        var company = await host.CreateCompanyAsync();
        return (company, await host.SignedInAsync(company.OwnerEmail));
    }

    [Theory]
    [MemberData(nameof(ForeignOrigins))]
    public async Task A_foreign_origin_cannot_negotiate_a_live_connection_with_the_users_cookie(string path, string origin)
    {
        var (company, session) = await SignedInOwnerAsync();
        using var _ = session;
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var (status, token, _) = await new LiveSockets(host, session.Cookies).NegotiateAsync(path, origin);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Null(token);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Theory]
    [MemberData(nameof(ForeignOrigins))]
    public async Task A_foreign_origin_cannot_open_the_websocket_even_with_a_negotiated_token(string path, string origin)
    {
        var (company, session) = await SignedInOwnerAsync();
        using var _ = session;
        var sockets = new LiveSockets(host, session.Cookies);
        var (_, token, _) = await sockets.NegotiateAsync(path);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var (status, socket) = await sockets.UpgradeAsync(path, token, origin);
        using var __ = socket;

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Theory]
    [MemberData(nameof(LivePaths))]
    public async Task A_foreign_origin_cannot_long_poll_a_live_connection(string path)
    {
        var (company, session) = await SignedInOwnerAsync();
        using var _ = session;
        var sockets = new LiveSockets(host, session.Cookies);
        var (_, token, _) = await sockets.NegotiateAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, await sockets.PollAsync(path, token!, "https://evil.example"));
    }

    [Theory]
    [MemberData(nameof(LivePaths))]
    public async Task Hesh_own_pages_negotiate_and_upgrade(string path)
    {
        var (_, session) = await SignedInOwnerAsync();
        using var _ = session;
        var sockets = new LiveSockets(host, session.Cookies);

        var (status, token, _) = await sockets.NegotiateAsync(path, OwnOrigin);
        var (upgrade, socket) = await sockets.UpgradeAsync(path, token, OwnOrigin);
        await new LiveConnection(socket).DisposeAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, upgrade);
    }

    [Theory]
    [MemberData(nameof(LivePaths))]
    public async Task Native_clients_without_an_origin_negotiate_and_upgrade(string path)
    {
        var (_, session) = await SignedInOwnerAsync();
        using var _ = session;
        var sockets = new LiveSockets(host, session.Cookies);

        var (status, token, _) = await sockets.NegotiateAsync(path);
        var (upgrade, socket) = await sockets.UpgradeAsync(path, token);
        await new LiveConnection(socket).DisposeAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, upgrade);
    }

    [Theory]
    [InlineData("https://hesh.example.com", true)]
    [InlineData("https://HESH.example.com:443", true)]
    [InlineData("https://app.partner.example", true)]
    [InlineData("http://hesh.example.com", false)]
    [InlineData("https://hesh.example.com:8443", false)]
    [InlineData("https://hesh.example.com.evil.example", false)]
    [InlineData("https://node-a.internal:8080", false)]
    public void With_a_public_url_only_it_and_the_allowed_origins_are_own_even_for_the_requests_own_host(string origin, bool own)
    {
        var origins = new OwnOrigins(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hesh:PublicUrl"] = "https://hesh.example.com/",
            ["Hesh:AllowedOrigins:0"] = "https://app.partner.example",
        }).Build());
        var request = new DefaultHttpContext().Request;
        request.Scheme = "https";
        request.Host = new HostString("node-a.internal:8080");

        Assert.Equal(own, origins.Allows(origin, request));
    }
}
