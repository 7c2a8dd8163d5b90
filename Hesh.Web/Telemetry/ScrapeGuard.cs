using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Hesh.Web.Telemetry;

/// <summary>Hesh:Telemetry:Prometheus — the scrape endpoint, off unless enabled, and who may read it.</summary>
public sealed class PrometheusOptions
{
    public const string Section = "Hesh:Telemetry:Prometheus";
    public const int MinimumTokenLength = 24;

    public bool Enabled { get; set; }
    public string Path { get; set; } = "/metrics";
    /// <summary>The bearer token a scraper sends (set it from the environment or a secret store, not in appsettings).</summary>
    public string? Token { get; set; }
    /// <summary>CIDR ranges (or single addresses) a scrape may come from, e.g. "10.0.0.0/8", "::1".</summary>
    public string[] AllowedNetworks { get; set; } = [];
}

public enum ScrapeVerdict
{
    Allowed,
    /// <summary>No token, or not the configured one: 401.</summary>
    Unauthorized,
    /// <summary>From an address outside the allowed networks: 403, whatever the token.</summary>
    Forbidden,
}

/// <summary>
/// Who may read /metrics: a caller from an allowed network, holding the configured bearer token — whichever of the two
/// is configured, both when both are. The token is compared as a SHA-256 digest in constant time, so neither its
/// length nor its first characters can be learned from how fast a wrong one is refused.
/// </summary>
public sealed class ScrapeGuard
{
    private readonly byte[]? _tokenDigest;
    private readonly IReadOnlyList<IPNetwork> _networks;

    private ScrapeGuard(byte[]? tokenDigest, IReadOnlyList<IPNetwork> networks)
    {
        _tokenDigest = tokenDigest;
        _networks = networks;
    }

    /// <summary>The guard of these options; a configuration that would leave the endpoint open, or cannot be read, fails at start-up.</summary>
    public static ScrapeGuard From(PrometheusOptions options)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in options.AllowedNetworks.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()))
        {
            if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                networks.Add(new IPNetwork(Normal(address), Normal(address).GetAddressBytes().Length * 8));
            }
            else
            {
                throw new InvalidOperationException($"{PrometheusOptions.Section}:AllowedNetworks: \"{entry}\" is neither a CIDR range (10.0.0.0/8) nor an IP address.");
            }
        }
        var token = string.IsNullOrWhiteSpace(options.Token) ? null : options.Token.Trim();
        if (token is { Length: < PrometheusOptions.MinimumTokenLength })
        {
            throw new InvalidOperationException($"{PrometheusOptions.Section}:Token must be at least {PrometheusOptions.MinimumTokenLength} characters (a random secret, e.g. `openssl rand -hex 32`).");
        }
        if (options.Enabled && token is null && networks.Count == 0)
        {
            throw new InvalidOperationException($"{PrometheusOptions.Section} is enabled without a Token or AllowedNetworks: the metrics would be open to anyone. Set one or both.");
        }
        return new ScrapeGuard(token is null ? null : Digest(token), networks);
    }

    public ScrapeVerdict Check(IPAddress? remote, StringValues authorization)
    {
        if (_networks.Count > 0 && (remote is null || !_networks.Any(n => n.Contains(Normal(remote)))))
        {
            return ScrapeVerdict.Forbidden;
        }
        if (_tokenDigest is not null && !HoldsToken(authorization))
        {
            return ScrapeVerdict.Unauthorized;
        }
        return ScrapeVerdict.Allowed;
    }

    private bool HoldsToken(StringValues authorization)
    {
        const string scheme = "Bearer ";
        if (authorization.Count != 1 || authorization[0] is not { } header
            || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Digest(header[scheme.Length..].Trim()), _tokenDigest);
    }

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    // A dual-stack listener sees an IPv4 client as ::ffff:a.b.c.d; the configured ranges are written as IPv4.
    private static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
