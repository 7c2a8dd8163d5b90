using System.Globalization;
using System.Net.Http.Headers;
using Hesh.Tests.Infrastructure;

namespace Hesh.Tests.Telemetry;

/// <summary>
/// A host of its own with the Prometheus endpoint on, guarded by a token and the networks of the machine (loopback) and
/// 10.0.0.0/8. It exports its own meters only, so the counts read here are this host's, whatever the shared host does.
/// </summary>
public sealed class TelemetryHost : IAsyncLifetime
{
    public const string Token = "test-scrape-token-7c1f0e2a9b4d";
    public const int SignInLimit = 3;

    public AppHost Host { get; } = new(new Dictionary<string, string>
    {
        ["Hesh:Telemetry:Prometheus:Enabled"] = "true",
        ["Hesh:Telemetry:Prometheus:Token"] = Token,
        ["Hesh:Telemetry:Prometheus:AllowedNetworks:0"] = "127.0.0.0/8",
        ["Hesh:Telemetry:Prometheus:AllowedNetworks:1"] = "::1",
        ["Hesh:Telemetry:Prometheus:AllowedNetworks:2"] = "10.0.0.0/8",
        ["Hesh:RateLimits:SignIn"] = SignInLimit.ToString(CultureInfo.InvariantCulture),
    });

    private HttpClient _client = default!;

    public async ValueTask InitializeAsync()
    {
        await Host.InitializeAsync();
        _client = new HttpClient { BaseAddress = Host.BaseAddress };
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>A scrape as Prometheus sends it: GET with the bearer token (or <paramref name="token"/>, or none).</summary>
    public Task<HttpResponseMessage> ScrapeAsync(string? token = Token, Action<HttpRequestMessage>? tweak = null, string path = "/metrics",
        HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        tweak?.Invoke(request);
        return _client.SendAsync(request);
    }

    public async Task<string> ExpositionAsync()
    {
        using var response = await ScrapeAsync();
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of the samples of <paramref name="metric"/> whose labels include every one of <paramref name="labels"/>; 0 when none.</summary>
    public static double ValueOf(string exposition, string metric, params string[] labels) =>
        exposition.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
            .Where(line => labels.All(label => line.Contains(label, StringComparison.Ordinal)))
            .Sum(line =>
            {
                var afterLabels = line.Contains('}') ? line[(line.LastIndexOf('}') + 1)..] : line[metric.Length..];
                return double.Parse(afterLabels.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            });

    public async Task<double> ValueAsync(string metric, params string[] labels) => ValueOf(await ExpositionAsync(), metric, labels);

    /// <summary>Scrapes until the value satisfies <paramref name="until"/> (the exporter caches a scrape for a moment); the last value seen.</summary>
    public async Task<double> WaitForAsync(Func<double, bool> until, string metric, params string[] labels)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var exposition = await ExpositionAsync();
            var value = ValueOf(exposition, metric, labels);
            if (until(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(50);
        }
    }
}
