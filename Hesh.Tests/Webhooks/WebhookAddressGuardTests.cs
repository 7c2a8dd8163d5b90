using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Hesh.Core.Webhooks;

namespace Hesh.Tests.Webhooks;

public sealed class WebhookAddressGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.10.0.5", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.254", "private")]
    [InlineData("192.168.1.10", "private")]
    [InlineData("169.254.169.254", "metadata")]
    [InlineData("169.254.10.1", "link-local")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.127.255.255", "carrier-grade NAT")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("192.0.2.1", "documentation")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fc00::1", "unique local")]
    [InlineData("fd12:3456:789a::1", "unique local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::", "unspecified")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("::ffff:169.254.169.254", "metadata")]
    [InlineData("64:ff9b::a9fe:a9fe", "metadata")]
    [InlineData("2002:0a00:0001::1", "private")]
    [InlineData("::ffff:0:a00:1", "not a global")]
    [InlineData("64:ff9b:1::a00:1", "not a global")]
    [InlineData("100::1", "not a global")]
    [InlineData("2001:0:4136:e378::1", "Teredo")]
    [InlineData("192.88.99.1", "reserved")]
    public void NonPublicAddress_IsRefused_NamingItsKind(string address, string kind)
    {
        var refusal = WebhookAddressGuard.Refusal(IPAddress.Parse(address), allowLoopback: false);
        Assert.NotNull(refusal);
        Assert.Contains(kind, refusal);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("64:ff9b::808:808")]
    public void PublicAddress_Passes(string address) => Assert.Null(WebhookAddressGuard.Refusal(IPAddress.Parse(address), allowLoopback: false));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void Loopback_PassesOnlyWhenAllowed(string address) => Assert.Null(WebhookAddressGuard.Refusal(IPAddress.Parse(address), allowLoopback: true));

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void AllowingLoopback_StillRefusesPrivateAndMetadata(string address)
    {
        // A mapped loopback counts as loopback; everything else stays refused.
        var refusal = WebhookAddressGuard.Refusal(IPAddress.Parse(address), allowLoopback: true);
        Assert.True(address.Contains("127.0.0.1") ? refusal is null : refusal is not null, refusal);
    }

    [Theory]
    [InlineData(null, "Enter the address")]
    [InlineData("   ", "Enter the address")]
    [InlineData("erp.example.com/hooks", "full address")]
    [InlineData("ftp://erp.example.com/hooks", "full address")]
    [InlineData("http://erp.example.com/hooks", "https://")]
    [InlineData("https://user:pass@erp.example.com/hooks", "user name or password")]
    [InlineData("https://erp.example.com/hooks#x", "fragment")]
    [InlineData("https://127.0.0.1/hooks", "loopback")]
    [InlineData("https://localhost/hooks", "loopback")]
    [InlineData("https://10.1.2.3/hooks", "private")]
    [InlineData("https://169.254.169.254/latest/meta-data", "metadata")]
    [InlineData("https://[fd00::1]/hooks", "unique local")]
    [InlineData("https://[::ffff:192.168.0.1]/hooks", "private")]
    [InlineData("https://intranet/hooks", "full domain name")]
    [InlineData("https://erp.example .com/hooks", "full address")]
    public void Url_IsRefusedWithAClearMessage(string? url, string says)
    {
        var refusal = WebhookAddressGuard.CheckUrl(url, allowLoopback: false, out var parsed);
        Assert.NotNull(refusal);
        Assert.Contains(says, refusal);
        Assert.Null(parsed);
    }

    [Fact]
    public void HugeUrl_IsRefused() =>
        Assert.Contains("at most 500", WebhookAddressGuard.CheckUrl("https://erp.example.com/" + new string('a', 600), false, out _));

    [Theory]
    [InlineData("https://erp.example.com/hesh-events", false)]
    [InlineData("https://93.184.216.34:8443/hooks?k=1", false)]
    [InlineData("http://127.0.0.1:5001/hooks", true)]
    [InlineData("http://localhost:5001/hooks", true)]
    [InlineData("https://[::1]:5001/hooks", true)]
    public void Url_Passes(string url, bool allowLoopback)
    {
        Assert.Null(WebhookAddressGuard.CheckUrl(url, allowLoopback, out var parsed));
        Assert.NotNull(parsed);
    }

    [Fact]
    public void HttpToAPublicAddress_IsRefusedEvenWhenLoopbackIsAllowed() =>
        Assert.Contains("https://", WebhookAddressGuard.CheckUrl("http://erp.example.com/hooks", allowLoopback: true, out _));

    [Theory]
    [InlineData("Development", true)]
    [InlineData("Production", false)]
    [InlineData("Staging", false)]
    public void AllowLoopback_HoldsOnlyInDevelopment_WhateverTheSetting(string environment, bool allowed)
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment });
        services.Configure<WebhookOptions>(o => o.AllowLoopback = true);
        services.AddHeshWebhooks();

        using var provider = services.BuildServiceProvider();

        Assert.Equal(allowed, provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value.AllowLoopback);
    }
}
