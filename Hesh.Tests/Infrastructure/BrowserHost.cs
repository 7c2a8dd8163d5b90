using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Hesh.Tests.Infrastructure.BrowserHost))]

namespace Hesh.Tests.Infrastructure;

/// <summary>
/// One Debian chromium for every browser test, started on first use; each test takes its own context
/// (its own cookies), so an admin and a user can be signed in side by side.
/// </summary>
public sealed class BrowserHost : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("HESH_CHROMIUM") ?? "/usr/bin/chromium";

    public Task<IBrowserContext> NewContextAsync(AppHost host) => NewContextAsync(host.BaseAddress);

    /// <summary>For axe-core only: Hesh's script policy (rightly) refuses the injected checker.</summary>
    public Task<IBrowserContext> NewContextBypassingCspAsync(AppHost host) => NewContextAsync(host.BaseAddress, bypassCsp: true);

    /// <summary>
    /// A context browsing http://localhost:PORT instead of 127.0.0.1: WebAuthn refuses an IP address as relying party,
    /// so passkey tests need a host name (localhost is a secure context even over plain HTTP).
    /// </summary>
    public Task<IBrowserContext> NewLocalhostContextAsync(AppHost host) =>
        NewContextAsync(new UriBuilder(host.BaseAddress) { Host = "localhost" }.Uri);

    private async Task<IBrowserContext> NewContextAsync(Uri baseAddress, bool bypassCsp = false)
    {
        await _gate.WaitAsync();
        try
        {
            // CI has two cores shared with the app host: give expectations the same patience as actions.
            Assertions.SetDefaultExpectTimeout(15_000);
            _playwright ??= await Playwright.CreateAsync();
            _browser ??= await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
            });
        }
        finally
        {
            _gate.Release();
        }
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            BypassCSP = bypassCsp,
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
