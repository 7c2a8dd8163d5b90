using System.Diagnostics.Metrics;
using Hesh.Core.Common.Telemetry;
using Hesh.Web.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;

public static class TelemetryExtensions
{
    /// <summary>Meters of the framework that Hesh exports beside its own: SignalR, Blazor circuits, Identity, EF Core.</summary>
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Lifecycle",
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.AspNetCore.Identity",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "Microsoft.EntityFrameworkCore",
    ];

    /// <summary>Activity sources of the framework traced beside ASP.NET Core's requests and EF Core's commands.</summary>
    private static readonly string[] FrameworkSources =
    [
        "Microsoft.AspNetCore.SignalR.Server",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Server.Circuits",
    ];

    /// <summary>
    /// OpenTelemetry metrics (ASP.NET Core, SignalR, Blazor, EF Core, the runtime and Hesh's own meter) and traces. Nothing
    /// is collected unless something reads it: the Prometheus scrape endpoint (Hesh:Telemetry:Prometheus:Enabled) and
    /// the OTLP exporter (OTEL_EXPORTER_OTLP_ENDPOINT, traces and metrics) are each off until configured, so an
    /// unconfigured node — and every test host — pays only for Hesh's counters with no listener.
    /// </summary>
    public static IServiceCollection AddHeshTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<HeshMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitMetrics>());
        var prometheus = configuration.GetSection(PrometheusOptions.Section).Get<PrometheusOptions>() ?? new PrometheusOptions();
        // Read and checked now: a scrape endpoint configured open, or a range that does not parse, stops the start.
        services.AddSingleton(ScrapeGuard.From(prometheus));
        services.AddSingleton(prometheus);
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!prometheus.Enabled && !otlp)
        {
            return services;
        }
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("hesh", serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(HeshMetrics.MeterName).AddMeter(FrameworkMeters).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
                // Listeners are process-wide: where one process hosts several apps (the test suite does), each exports
                // the meters of its own host only, not its neighbours' of the same name — whose disposal would otherwise
                // end the shared stream.
                ((IDeferredMeterProviderBuilder)metrics).Configure((sp, builder) =>
                {
                    var own = sp.GetRequiredService<IMeterFactory>();
                    var hesh = sp.GetRequiredService<HeshMetrics>().Meter;
                    builder.AddView(i => IsNeighbours(i.Meter, own, hesh) ? MetricStreamConfiguration.Drop : null);
                });
                if (prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter(o => o.ScrapeEndpointPath = prometheus.Path);
                }
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            // Traces go only to an OTLP collector; the scrapes and health probes themselves are not worth a span.
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path, prometheus))
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(FrameworkSources)
                .AddOtlpExporter());
        }
        return services;
    }

    /// <summary>
    /// The Prometheus scrape endpoint, when enabled: GET only, and only past the <see cref="ScrapeGuard"/> — anything
    /// else gets a bare 401, 403 or 404 with no body. Not mapped at all when disabled, so the path is an ordinary 404.
    /// </summary>
    public static WebApplication MapHeshTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<PrometheusOptions>();
        if (!options.Enabled)
        {
            return app;
        }
        var guard = app.Services.GetRequiredService<ScrapeGuard>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Hesh.Telemetry");
        app.MapPrometheusScrapingEndpoint(options.Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (http, next) =>
        {
            var response = http.Response;
            response.Headers.CacheControl = "no-store";
            // A refusal stays bare: the site's "not found" page would tell a scanner which application answers.
            if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            {
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            var verdict = guard.Check(http.Connection.RemoteIpAddress, http.Request.Headers.Authorization);
            if (verdict != ScrapeVerdict.Allowed)
            {
                // The address and the verdict only: whatever the caller sent as a token stays out of the log.
                logger.LogWarning("Refused a metrics scrape from {Address}: {Verdict}", http.Connection.RemoteIpAddress, verdict);
                response.StatusCode = verdict == ScrapeVerdict.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
                if (verdict == ScrapeVerdict.Unauthorized)
                {
                    response.Headers.WWWAuthenticate = "Bearer";
                }
                return;
            }
            await next(http);
        }), optionsName: null).DisableHttpMetrics();
        return app;
    }

    private static bool IsNeighbours(Meter meter, IMeterFactory own, Meter hesh) =>
        meter.Name == HeshMetrics.MeterName ? !ReferenceEquals(meter, hesh) : meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own);

    private static bool IsProbe(PathString path, PrometheusOptions prometheus) =>
        path.StartsWithSegments(prometheus.Path) || path.StartsWithSegments("/healthz");
}
