using System.Runtime;
using Hesh.Core.Demo;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hesh.Bench.Circuits;

/// <summary>
/// The server side of `--circuits`, in a process of its own so that its heap holds the server and nothing of the
/// harness (Playwright's .NET objects, the other host). Speaks a line protocol on stdin/stdout:
/// it prints <c>bench:ready URL [owner-email password member-id]</c>, then answers <c>heap</c> (bytes of managed heap
/// after two full, blocking, compacting collections) and <c>circuits</c> (circuits connected, circuits in memory).
/// </summary>
internal static class CircuitServer
{
    public const string Prefix = "bench:";

    public static async Task RunAsync(string app, int maxTabs)
    {
        var (address, details, stop) = app switch
        {
            "blank" => await StartBlankAsync(),
            "hesh" => await StartHeshAsync(maxTabs),
            _ => throw new ArgumentException($"Unknown app {app}: blank or hesh"),
        };
        Console.WriteLine($"{Prefix}ready {address} {details}".TrimEnd());
        while (Console.ReadLine() is { } line && line != "quit")
        {
            Console.WriteLine(line switch
            {
                "heap" => $"{Prefix}heap {HeapAfterFullCollection()}",
                "circuits" => $"{Prefix}circuits {ConnectedCircuits.Count} {ConnectedCircuits.Open}",
                _ => $"{Prefix}error unknown command {line}",
            });
        }
        await stop();
    }

    /// <summary>Live objects only: the large-object heap is compacted too, finalizers run and what they freed is collected.</summary>
    private static long HeapAfterFullCollection()
    {
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private static async Task<(string, string, Func<Task>)> StartBlankAsync()
    {
        var app = BlankApp.Build();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (address + "/", "", async () => await app.DisposeAsync());
    }

    /// <summary>Hesh as in production (Release, Production environment) with the demo company seeded for real sign-in.</summary>
    private static async Task<(string, string, Func<Task>)> StartHeshAsync(int maxTabs)
    {
        var host = new BenchHost(new Dictionary<string, string>
        {
            // One browser context is one user: the harness opens more tabs than the per-user cap allows.
            ["Hesh:Circuits:MaxPerUser"] = $"{maxTabs + 5}",
            // A closed tab's circuit is kept for a reconnect; gone sooner, the next page's baseline need not wait a minute.
            ["Hesh:Circuits:DisconnectedRetention"] = "00:00:05",
        }, serveStaticAssets: true, services: s => s.AddScoped<CircuitHandler, ConnectedCircuits>());
        await host.StartAsync();
        await host.WithScope(async s =>
        {
            await s.GetRequiredService<DemoData>().SeedAsync();
            return 0;
        });
        var member = await host.WithScope(s => s.GetRequiredService<UserManager<HeshUser>>().FindByEmailAsync(DemoData.People[2].Email));
        return (host.Address.ToString(), $"{DemoData.People[0].Email} {DemoData.Password} {member!.Id}", async () => await host.DisposeAsync());
    }
}

/// <summary>
/// Counts this process's circuits whose connection is up (a tab counts once its circuit is live) and those still in
/// memory: a closed tab's circuit may be kept a while for a reconnect, and must be gone before the next baseline.
/// </summary>
internal sealed class ConnectedCircuits : CircuitHandler
{
    private static int _count;
    private static int _open;

    public static int Count => Volatile.Read(ref _count);
    public static int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _count);
        return Task.CompletedTask;
    }
}

/// <summary>The blank Blazor Server app (Blank/*.razor): the template's shape, global interactive server render mode.</summary>
internal static class BlankApp
{
    public static WebApplication Build()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(BlankApp).Assembly.GetName().Name,
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Build output, not a publish: the framework's script is found through the static web assets manifest.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddScoped<CircuitHandler, ConnectedCircuits>();
        builder.Services.Configure<Microsoft.AspNetCore.Components.Server.CircuitOptions>(o => o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<Blank.App>().AddInteractiveServerRenderMode();
        return app;
    }
}
