using System.Net;
using Hesh.Web.Telemetry;
using Microsoft.Extensions.Primitives;

namespace Hesh.Tests.Telemetry;

/// <summary>Who may read /metrics: the configured networks, the configured bearer token, both when both are set.</summary>
public sealed class ScrapeGuardTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    private static readonly IPAddress Inside = IPAddress.Parse("10.1.2.3");
    private static readonly IPAddress Outside = IPAddress.Parse("203.0.113.5");

    private static ScrapeGuard Guard(string? token = Token, params string[] networks) =>
        ScrapeGuard.From(new PrometheusOptions { Enabled = true, Token = token, AllowedNetworks = networks });

    [Fact]
    public void TheRightToken_IsAllowed() =>
        Assert.Equal(ScrapeVerdict.Allowed, Guard().Check(Outside, $"Bearer {Token}"));

    [Fact]
    public void TheScheme_IsCaseInsensitive() =>
        Assert.Equal(ScrapeVerdict.Allowed, Guard().Check(Outside, $"bearer {Token}"));

    [Theory]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData(Token)]
    [InlineData("Basic " + Token)]
    [InlineData("Bearer " + Token + "x")]
    [InlineData("Bearer 0123456789abcdef0123456789abcde")]
    [InlineData("Bearer 0123456789ABCDEF0123456789ABCDEF")]
    public void AnyOtherAuthorization_IsUnauthorized(string header) =>
        Assert.Equal(ScrapeVerdict.Unauthorized, Guard().Check(Outside, header));

    [Fact]
    public void NoAuthorizationHeader_IsUnauthorized() =>
        Assert.Equal(ScrapeVerdict.Unauthorized, Guard().Check(Outside, StringValues.Empty));

    [Fact]
    public void TwoAuthorizationHeaders_AreUnauthorized_EvenIfOneHoldsTheToken() =>
        Assert.Equal(ScrapeVerdict.Unauthorized, Guard().Check(Outside, new StringValues(["Bearer wrong", $"Bearer {Token}"])));

    [Fact]
    public void OutsideTheNetworks_IsForbidden_EvenWithTheToken() =>
        Assert.Equal(ScrapeVerdict.Forbidden, Guard(Token, "10.0.0.0/8").Check(Outside, $"Bearer {Token}"));

    [Fact]
    public void InsideTheNetworks_StillNeedsTheToken_WhenOneIsConfigured() =>
        Assert.Equal(ScrapeVerdict.Unauthorized, Guard(Token, "10.0.0.0/8").Check(Inside, StringValues.Empty));

    [Fact]
    public void NetworksAlone_AllowInsideWithoutToken_AndForbidOutside()
    {
        var guard = Guard(null, "10.0.0.0/8", "192.168.1.7");

        Assert.Equal(ScrapeVerdict.Allowed, guard.Check(Inside, StringValues.Empty));
        Assert.Equal(ScrapeVerdict.Allowed, guard.Check(IPAddress.Parse("192.168.1.7"), StringValues.Empty));
        Assert.Equal(ScrapeVerdict.Forbidden, guard.Check(IPAddress.Parse("192.168.1.8"), StringValues.Empty));
        Assert.Equal(ScrapeVerdict.Forbidden, guard.Check(null, StringValues.Empty));
    }

    [Fact]
    public void AnIPv4Client_SeenByADualStackListener_IsMatchedAgainstIPv4Ranges() =>
        Assert.Equal(ScrapeVerdict.Allowed, Guard(null, "10.0.0.0/8").Check(Inside.MapToIPv6(), StringValues.Empty));

    [Fact]
    public void IPv6Ranges_Match() =>
        Assert.Equal(ScrapeVerdict.Allowed, Guard(null, "fd00::/8").Check(IPAddress.Parse("fd12::1"), StringValues.Empty));

    [Fact]
    public void Enabled_WithNeitherTokenNorNetworks_RefusesToStart() =>
        Assert.Contains("open to anyone", Assert.Throws<InvalidOperationException>(() => Guard(null)).Message);

    [Fact]
    public void AShortToken_RefusesToStart() =>
        Assert.Contains("at least", Assert.Throws<InvalidOperationException>(() => Guard("short-token")).Message);

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("ten.0.0.0/8")]
    [InlineData("10.0.0.0/8; DROP")]
    public void AnUnreadableNetwork_RefusesToStart_NamingIt(string network) =>
        Assert.Contains(network, Assert.Throws<InvalidOperationException>(() => Guard(Token, network)).Message);

    [Fact]
    public void Disabled_WithNothingConfigured_Starts() =>
        Assert.NotNull(ScrapeGuard.From(new PrometheusOptions()));
}
