using System.Net;
using System.Net.Sockets;

namespace Hesh.Core.Webhooks;

/// <summary>
/// No server-side request forgery: a webhook may reach the public internet only. Checked when an endpoint is added
/// (its address and what its name resolves to) and again at every connection, on the address actually dialled, so a
/// name that resolves to a public address at add time and to 10.0.0.1 later (DNS rebinding) is still refused.
/// </summary>
public static class WebhookAddressGuard
{
    /// <summary>Why an address may not be dialled, or null when it may; loopback passes only with <paramref name="allowLoopback"/>.</summary>
    public static string? Refusal(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return RefusalV4(address.GetAddressBytes(), allowLoopback);
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return Messages.Say("not an internet address");
        }
        var b = address.GetAddressBytes();
        if (IPAddress.IPv6Loopback.Equals(address))
        {
            return allowLoopback ? null : Messages.Say("a loopback address");
        }
        if (IPAddress.IPv6Any.Equals(address))
        {
            return Messages.Say("an unspecified address");
        }
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
        {
            return Messages.Say("a link-local address");
        }
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
        {
            return Messages.Say("a site-local address");
        }
        if ((b[0] & 0xfe) == 0xfc)
        {
            return Messages.Say("a unique local (private) address");
        }
        if (b[0] == 0xff)
        {
            return Messages.Say("a multicast address");
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
        {
            return Messages.Say("a documentation address");
        }
        // Addresses that carry an IPv4 address inside (NAT64, 6to4, IPv4-compatible) are judged by that address.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].All(x => x == 0))
        {
            return RefusalV4(b[12..16], allowLoopback: false);
        }
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return RefusalV4(b[2..6], allowLoopback: false);
        }
        if (b[..12].All(x => x == 0))
        {
            return RefusalV4(b[12..16], allowLoopback: false) ?? Messages.Say("an IPv4-compatible address");
        }
        // Beyond these, only global unicast (2000::/3) is the internet; everything else (SIIT ::ffff:0:0/96, local NAT64
        // 64:ff9b:1::/48, discard 100::/64, …) is refused rather than listed one by one.
        if ((b[0] & 0xe0) != 0x20)
        {
            return Messages.Say("not a global internet address");
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] < 0x02)
        {
            return Messages.Say("a reserved address (IETF protocol assignments, Teredo)");
        }
        return null;
    }

    private static string? RefusalV4(byte[] b, bool allowLoopback) => b switch
    {
        [169, 254, 169, 254] => Messages.Say("the cloud metadata address"),
        [127, ..] => allowLoopback ? null : Messages.Say("a loopback address"),
        [0, ..] => Messages.Say("an unspecified address"),
        [10, ..] => Messages.Say("a private address"),
        [172, var x, ..] when x is >= 16 and <= 31 => Messages.Say("a private address"),
        [192, 168, ..] => Messages.Say("a private address"),
        [100, var x, ..] when x is >= 64 and <= 127 => Messages.Say("a shared (carrier-grade NAT) address"),
        [169, 254, ..] => Messages.Say("a link-local address"),
        [192, 0, 0, _] or [192, 88, 99, _] => Messages.Say("a reserved address"),
        [192, 0, 2, _] or [198, 51, 100, _] or [203, 0, 113, _] => Messages.Say("a documentation address"),
        [198, var x, ..] when x is 18 or 19 => Messages.Say("a benchmarking address"),
        [var x, ..] when x >= 224 && x <= 239 => Messages.Say("a multicast address"),
        [var x, ..] when x >= 240 => Messages.Say("a reserved address"),
        _ => null,
    };

    public static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The address as typed: absolute, HTTPS (HTTP only to loopback when allowed), no user name or password in it, no
    /// fragment, and not an address literal (or "localhost") that <see cref="Refusal"/> refuses. Null when it passes.
    /// </summary>
    public static string? CheckUrl(string? url, bool allowLoopback, out Uri? parsed)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            return Messages.Say("Enter the address that receives the events.");
        }
        url = url.Trim();
        if (url.Length > WebhookEndpoint.UrlMaxLength)
        {
            return Messages.Say("The address must be at most {0} characters.", WebhookEndpoint.UrlMaxLength);
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || string.IsNullOrEmpty(uri.Host)
            || url.Any(char.IsWhiteSpace))
        {
            return Messages.Say("Enter a full address that starts with https://, such as https://erp.example.com/hesh-events.");
        }
        if (uri.UserInfo.Length > 0)
        {
            return Messages.Say("The address may not contain a user name or password.");
        }
        if (uri.Fragment.Length > 0)
        {
            return Messages.Say("The address may not contain a # fragment.");
        }
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
        var literal = IPAddress.TryParse(host, out var ip) ? ip : null;
        var loopback = IsLoopbackName(host) || (literal is not null && IPAddress.IsLoopback(literal));
        if (uri.Scheme == "http" && !(allowLoopback && loopback))
        {
            return Messages.Say("The address must start with https://: events carry people's names.");
        }
        if (loopback && !allowLoopback)
        {
            return Messages.Say("The address points at this server itself (loopback); use a public address.");
        }
        if (literal is not null && Refusal(literal, allowLoopback) is { } why)
        {
            return Messages.Say("The address is {0}; webhooks only reach public internet addresses.", why);
        }
        if (uri.HostNameType == UriHostNameType.Dns && !host.Contains('.') && !loopback)
        {
            return Messages.Say("Use the receiver's full domain name, such as erp.example.com.");
        }
        parsed = uri;
        return null;
    }
}
