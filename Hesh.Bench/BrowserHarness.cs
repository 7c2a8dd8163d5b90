using System.Diagnostics;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hesh.Bench;

/// <summary>
/// A real browser tab (Debian's chromium): change committed → the tab's menu updated, and server memory per idle
/// circuit. The latency includes Playwright's own detection, so it is an upper bound.
/// </summary>
internal static class BrowserHarness
{
    public static async Task RunAsync(int samples = 50, int tabs = 20)
    {
        await using var host = new BenchHost(environment: "Development");
        await host.StartAsync();
        var (ownerId, users) = await host.SeedAsync(tabs);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = System.Environment.GetEnvironmentVariable("HESH_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });

        var user = users[0];
        var page = await SignedInTabAsync(browser, host, user.Email!);
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Company profile" });
        var latencies = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var on = i % 2 == 0;
            var started = Stopwatch.GetTimestamp();
            var result = await host.WithScope(s => s.GetRequiredService<UserPermissionService>()
                .ToggleAsync(ownerId, user.Id, Platform.Web, PermissionKey.CompanyProfile, on, i));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Error);
            }
            await link.WaitForAsync(new() { State = on ? WaitForSelectorState.Visible : WaitForSelectorState.Detached });
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var sorted = latencies.Order().ToList();
        double P(int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
        Console.WriteLine($"Browser tab, change call → menu updated in the DOM ({samples} changes, includes the commit): p50 {P(50):F1} ms, p95 {P(95):F1} ms, p99 {P(99):F1} ms, max {sorted[^1]:F1} ms");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(true);
        var pages = new List<IPage>();
        foreach (var other in users.Skip(1))
        {
            pages.Add(await SignedInTabAsync(browser, host, other.Email!));
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var perCircuit = (GC.GetTotalMemory(true) - before) / 1024.0 / 1024.0 / pages.Count;
        Console.WriteLine($"Server managed memory per idle circuit (Overview page, {pages.Count} tabs, browser in its own process): {perCircuit:F2} MB");
    }

    private static async Task<IPage> SignedInTabAsync(IBrowser browser, BenchHost host, string email)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = host.Address.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("Steady-load-pass-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.Locator("#circuit-state[data-state=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }
}
