using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Hesh.Core.Common;
using Hesh.Core.Common.Telemetry;
using Hesh.Core.Users;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Hesh.Bench;

/// <summary>
/// `--telemetry`: what Hesh's own metrics cost on the path of one access change — published, applied by a tab,
/// its receipt counted — with no listener (metrics off, the default: <c>Hesh:Telemetry</c> unset) and with the
/// OpenTelemetry SDK collecting them for the Prometheus exporter, side by side in one run.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class TelemetryBenchmarks
{
    internal sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"));
            AddColumn(StatisticColumn.P95);
            WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
            WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(Perfolizer.Horology.TimeUnit.Nanosecond));
            WithArtifactsPath(Path.Combine(Path.GetTempPath(), "hesh-bench-telemetry"));
        }
    }

    private const int Changes = 1024;
    private HeshMetrics _metrics = default!;
    private MeterProvider? _provider;
    private AccessChanged[] _changes = [];
    private int _next;

    [Params(false, true)]
    public bool OpenTelemetryOn { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _metrics = new HeshMetrics();
        if (OpenTelemetryOn)
        {
            _provider = Sdk.CreateMeterProviderBuilder().AddMeter(HeshMetrics.MeterName).AddPrometheusExporter().Build();
        }
        var company = Guid.NewGuid();
        _changes = [.. Enumerable.Range(0, Changes).Select(i =>
            new AccessChanged($"user-{i}", company, AccessChangeKind.Permissions, "admin", "Admin", "Products view on"))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider?.Dispose();
        _metrics.Dispose();
    }

    /// <summary>One change as the live layer reports it: published, applied by one tab, its receipt shown.</summary>
    [Benchmark(Baseline = true)]
    public void OneChange()
    {
        var change = _changes[_next++ & (Changes - 1)] with { Id = Guid.NewGuid() };
        _metrics.Published(change);
        _metrics.Applied(change.Id, "circuit");
        _metrics.Receipt(new LiveReceipt(1, 1, default));
    }

    public static void Run(string[] args) =>
        BenchmarkRunner.Run<TelemetryBenchmarks>(args: [.. args.Where(a => a != "--telemetry")]);
}
