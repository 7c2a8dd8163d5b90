using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hesh.Core.SignIns;
using Hesh.Core.Users;

namespace Hesh.Core.Common.Telemetry;

/// <summary>
/// Hesh's own metrics, declared once (meter <see cref="MeterName"/>). Every call site is one line; tags are few and
/// fixed — a kind, an outcome, a limiter — never a user, a company or an address, so a series stays a handful of
/// rows whatever the number of tenants. Without a listener (no exporter configured) each call costs next to nothing.
/// </summary>
public sealed class HeshMetrics : IDisposable
{
    public const string MeterName = "Hesh";

    /// <summary>How long a published change is remembered for its latency: a client that applies it later is not timed.</summary>
    internal static readonly TimeSpan LatencyWindow = TimeSpan.FromMinutes(1);

    private const int MaxRemembered = 100_000;

    private static readonly IReadOnlyDictionary<AccessChangeKind, string> KindTags =
        Enum.GetValues<AccessChangeKind>().ToDictionary(k => k, k => Snake(k.ToString()));
    private static readonly IReadOnlyDictionary<SignInOutcome, string> OutcomeTags =
        Enum.GetValues<SignInOutcome>().ToDictionary(o => o, o => Snake(o.ToString()));
    private static readonly IReadOnlyDictionary<SignInMethod, string> MethodTags =
        Enum.GetValues<SignInMethod>().ToDictionary(m => m, m => Snake(m.ToString()));

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly UpDownCounter<long> _circuits;
    private readonly UpDownCounter<long> _hubConnections;
    private readonly Counter<long> _published;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _receipts;
    private readonly Counter<long> _signIns;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _grantsExpired;
    // When each recent change was published (or, from another node, arrived here): its clients' latency is timed from it.
    private readonly ConcurrentDictionary<Guid, long> _publishedAt = new();
    private readonly ConcurrentQueue<(Guid Id, long At)> _publishOrder = new();

    public HeshMetrics(IMeterFactory? meters = null)
    {
        // From the host's factory, so each host (and each test host) has its own meter; a bare one outside a host.
        _ownsMeter = meters is null;
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _circuits = _meter.CreateUpDownCounter<long>("hesh.circuits.open", "{circuit}",
            "Blazor circuits held in this node's memory (connected, or kept for a tab that dropped)");
        _hubConnections = _meter.CreateUpDownCounter<long>("hesh.hub.connections", "{connection}",
            "Open connections to /hubs/permissions (the mobile app and other non-browser clients)");
        _published = _meter.CreateCounter<long>("hesh.access_changes.published", "{change}",
            "Access changes committed and published to open clients, by kind");
        _latency = _meter.CreateHistogram("hesh.access_changes.latency", "s",
            "From a change's publication to an open client's applying it (a circuit re-rendered, a hub client acknowledged)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _receipts = _meter.CreateCounter<long>("hesh.receipts", "{receipt}",
            "Receipts shown to admins after a change, by outcome: all open tabs applied it, some, none, or no tab was open");
        _signIns = _meter.CreateCounter<long>("hesh.sign_ins", "{attempt}", "Sign-in attempts, by outcome and method");
        _rateLimited = _meter.CreateCounter<long>("hesh.rate_limit.rejections", "{request}", "Requests refused by a rate limit, by limiter");
        _grantsExpired = _meter.CreateCounter<long>("hesh.grants.expired", "{grant}", "Temporary grants that reached their end and were taken back");
    }

    /// <summary>This instance's meter: an exporter takes this one, not another host's of the same name.</summary>
    public Meter Meter => _meter;

    public void CircuitOpened() => _circuits.Add(1);

    public void CircuitClosed() => _circuits.Add(-1);

    public void HubConnected() => _hubConnections.Add(1);

    public void HubDisconnected() => _hubConnections.Add(-1);

    /// <summary>A committed change leaves this node: counted, and remembered so its clients' latency can be timed.</summary>
    public void Published(AccessChanged change)
    {
        _published.Add(1, new KeyValuePair<string, object?>("kind", KindTags[change.Kind]));
        Remember(change);
    }

    /// <summary>A change published on another node arrived here: this node's clients are timed from now.</summary>
    public void Arrived(AccessChanged change) => Remember(change);

    /// <summary>An open client applied <paramref name="changeId"/>; <paramref name="client"/> is "circuit" or "hub".</summary>
    public void Applied(Guid changeId, string client)
    {
        if (_publishedAt.TryGetValue(changeId, out var at))
        {
            _latency.Record(Stopwatch.GetElapsedTime(at).TotalSeconds, new KeyValuePair<string, object?>("client", client));
        }
    }

    public void Receipt(LiveReceipt receipt) => _receipts.Add(1, new KeyValuePair<string, object?>("outcome", receipt switch
    {
        { Open: 0 } => "no_open_tab",
        { Applied: var applied, Open: var open } when applied >= open => "all",
        { Applied: 0 } => "none",
        _ => "some",
    }));

    public void SignIn(SignInOutcome outcome, SignInMethod method) => _signIns.Add(1,
        new KeyValuePair<string, object?>("outcome", OutcomeTags[outcome]), new KeyValuePair<string, object?>("method", MethodTags[method]));

    /// <summary>A password sign-in for an email no account has: no history to file it in, but it counts here.</summary>
    public void SignInOfUnknownAccount(bool throttled) => _signIns.Add(1,
        new KeyValuePair<string, object?>("outcome", throttled ? "throttled" : "unknown_account"), new KeyValuePair<string, object?>("method", "password"));

    /// <summary><paramref name="limiter"/>: sign-in, recovery, invitation, public-api, open-tabs.</summary>
    public void RateLimited(string limiter) => _rateLimited.Add(1, new KeyValuePair<string, object?>("limiter", limiter));

    /// <summary>The expiry job took back <paramref name="count"/> temporary grants in one pass.</summary>
    public void GrantsExpired(int count)
    {
        if (count > 0)
        {
            _grantsExpired.Add(count);
        }
    }

    private void Remember(AccessChanged change)
    {
        if (!_latency.Enabled || change.IsBusEvent)
        {
            return;
        }
        var now = Stopwatch.GetTimestamp();
        if (_publishedAt.TryAdd(change.Id, now))
        {
            _publishOrder.Enqueue((change.Id, now));
        }
        // Forget what is too old to time, and anything beyond the cap, oldest first: memory stays bounded under any load.
        while (_publishOrder.TryPeek(out var oldest)
            && (Stopwatch.GetElapsedTime(oldest.At) > LatencyWindow || _publishOrder.Count > MaxRemembered)
            && _publishOrder.TryDequeue(out oldest))
        {
            _publishedAt.TryRemove(new KeyValuePair<Guid, long>(oldest.Id, oldest.At));
        }
    }

    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? $"_{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));

    public void Dispose()
    {
        // A meter from the host's factory is the factory's to dispose.
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
