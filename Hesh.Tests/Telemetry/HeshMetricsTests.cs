using System.Diagnostics.Metrics;
using Hesh.Core.Common;
using Hesh.Core.Common.Telemetry;
using Hesh.Core.SignIns;
using Hesh.Core.Users;

namespace Hesh.Tests.Telemetry;

/// <summary>What Hesh's own instruments record, read with a listener on this instance's meter alone.</summary>
public sealed class HeshMetricsTests : IDisposable
{
    private readonly HeshMetrics _metrics = new();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, string?> Tags)> _recorded = [];

    public HeshMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _metrics.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString();
        }
        lock (_recorded)
        {
            _recorded.Add((instrument.Name, value, copy));
        }
    }

    private List<(string Instrument, double Value, Dictionary<string, string?> Tags)> Of(string instrument) =>
        _recorded.Where(r => r.Instrument == instrument).ToList();

    private static AccessChanged Change(AccessChangeKind kind = AccessChangeKind.Permissions) =>
        new("user-1", Guid.NewGuid(), kind, "actor-1", "Olga Owner", "can now edit products");

    [Fact]
    public void APublishedChange_IsCountedByKind_WithNoUserOrCompanyTag()
    {
        _metrics.Published(Change(AccessChangeKind.PasswordRequired));

        var (_, value, tags) = Assert.Single(Of("hesh.access_changes.published"));
        Assert.Equal(1, value);
        Assert.Equal(new Dictionary<string, string?> { ["kind"] = "password_required" }, tags);
    }

    [Fact]
    public void AClientApplyingAPublishedChange_IsTimedFromThePublication()
    {
        var change = Change();
        _metrics.Published(change);

        _metrics.Applied(change.Id, "hub");

        var (_, seconds, tags) = Assert.Single(Of("hesh.access_changes.latency"));
        Assert.InRange(seconds, 0, 5);
        Assert.Equal("hub", tags["client"]);
    }

    [Fact]
    public void AChangeFromAnotherNode_IsTimedFromItsArrival()
    {
        var change = Change();
        _metrics.Arrived(change);

        _metrics.Applied(change.Id, "circuit");

        Assert.Equal("circuit", Assert.Single(Of("hesh.access_changes.latency")).Tags["client"]);
    }

    [Fact]
    public void ApplyingAChangeNeverPublished_RecordsNoLatency()
    {
        _metrics.Applied(Guid.NewGuid(), "hub");

        Assert.Empty(Of("hesh.access_changes.latency"));
    }

    [Theory]
    [InlineData(0, 0, "no_open_tab")]
    [InlineData(2, 2, "all")]
    [InlineData(1, 3, "some")]
    [InlineData(0, 2, "none")]
    public void Receipts_AreCountedByOutcome(int applied, int open, string outcome)
    {
        _metrics.Receipt(new LiveReceipt(applied, open, DateTime.UtcNow));

        Assert.Equal(outcome, Assert.Single(Of("hesh.receipts")).Tags["outcome"]);
    }

    [Fact]
    public void SignIns_AreCountedByOutcomeAndMethod_InSnakeCase()
    {
        _metrics.SignIn(SignInOutcome.WrongPassword, SignInMethod.Password);
        _metrics.SignIn(SignInOutcome.SecondFactorAsked, SignInMethod.RecoveryCode);
        _metrics.SignInOfUnknownAccount(throttled: false);

        Assert.Equal(["wrong_password/password", "second_factor_asked/recovery_code", "unknown_account/password"],
            Of("hesh.sign_ins").Select(r => $"{r.Tags["outcome"]}/{r.Tags["method"]}"));
    }

    [Fact]
    public void ExpiredGrants_AddTheirCount_AndAnEmptyPassAddsNothing()
    {
        _metrics.GrantsExpired(0);
        _metrics.GrantsExpired(3);

        Assert.Equal(3, Assert.Single(Of("hesh.grants.expired")).Value);
    }

    [Fact]
    public void CircuitsAndHubConnections_GoUpAndDown()
    {
        _metrics.CircuitOpened();
        _metrics.CircuitClosed();
        _metrics.HubConnected();

        Assert.Equal([1, -1], Of("hesh.circuits.open").Select(r => r.Value));
        Assert.Equal([1], Of("hesh.hub.connections").Select(r => r.Value));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _metrics.Dispose();
    }
}
