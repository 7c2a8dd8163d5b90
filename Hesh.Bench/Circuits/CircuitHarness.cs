using System.Diagnostics;
using Microsoft.Playwright;

namespace Hesh.Bench.Circuits;

/// <summary>
/// `--circuits [N]` (default 20): managed heap per idle browser tab (one Blazor circuit each) of a blank Blazor Server
/// app and of Hesh on four pages, in one run. Each server runs in a child process of its own, so its heap holds
/// nothing of the harness. On each page: one tab open and idle (it warms the code and caches a first visit fills),
/// N more tabs opened and closed once unmeasured (pools and caches grow to what N tabs need), heap after a full GC;
/// then N more tabs in the same browser context, each waited for until its circuit is
/// connected, idle for a while; heap again. (after − before) / N is the cost of one more open tab.
/// `--gcdump DIR` also writes a dotnet-gcdump of each server before and after the N tabs, and prints the types that
/// grew most per tab.
/// </summary>
internal static class CircuitHarness
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(3);
    private const int OpenAtOnce = 4;

    public static async Task RunAsync(int tabs, string? gcdumps)
    {
        var started = Stopwatch.StartNew();
        Console.WriteLine($"Managed heap per idle tab, {tabs} extra tabs a page, after full GCs; servers in processes of their own; " +
            $"{System.Environment.ProcessorCount} cores, .NET {System.Environment.Version}, chromium headless, loopback");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = System.Environment.GetEnvironmentVariable("HESH_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var dumps = gcdumps is null ? null : new GcDumps(gcdumps, tabs);
        var rows = new List<(string What, double KbPerTab)>();

        await using (var blank = await ServedApp.StartAsync("blank", tabs))
        {
            await using var context = await NewContextAsync(browser, blank);
            rows.Add(("Blank Blazor Server app (counter page)", await MeasureAsync(blank, context, "", tabs, dumps, "blank")));
        }
        await using (var hesh = await ServedApp.StartAsync("hesh", tabs))
        {
            var (email, password, member) = (hesh.Details[0], hesh.Details[1], hesh.Details[2]);
            await using var context = await NewContextAsync(browser, hesh);
            await SignInAsync(context, email, password);
            foreach (var (what, path, name) in new[]
            {
                ("Hesh: Overview", "", "overview"),
                ("Hesh: a user's General tab", $"users/{member}", "general"),
                ("Hesh: a user's Permissions tab", $"users/{member}?tab=permissions", "permissions"),
                ("Hesh: My tasks", "my-tasks", "my-tasks"),
            })
            {
                rows.Add(($"{what} (/{path.Replace(member, "{id}")})", await MeasureAsync(hesh, context, path, tabs, dumps, name)));
            }
        }

        var blankKb = rows[0].KbPerTab;
        Console.WriteLine();
        Console.WriteLine("| what | KB per tab | ratio to blank |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (what, kb) in rows)
        {
            Console.WriteLine($"| {what} | {kb:N0} | {kb / blankKb:F1} |");
        }
        Console.WriteLine($"({started.Elapsed.TotalSeconds:F0} s)");
    }

    private static async Task<IBrowserContext> NewContextAsync(IBrowser browser, ServedApp app)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = app.Address.ToString(), ViewportSize = new() { Width = 1280, Height = 860 } });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    private static async Task SignInAsync(IBrowserContext context, string email, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.Locator("#circuit-state[data-state=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.CloseAsync();
    }

    private static async Task<double> MeasureAsync(ServedApp app, IBrowserContext context, string path, int tabs, GcDumps? dumps, string name)
    {
        await WaitForCircuitsAsync(app, 0);
        var first = await OpenTabAsync(context, path);
        await WaitForCircuitsAsync(app, 1);
        // The N tabs once unmeasured: what their loading grows for good (Kestrel's and the array pools' buffers, caches
        // of query shapes) belongs to the server, not to a tab, and would otherwise be counted per tab.
        foreach (var page in await OpenTabsAsync(context, path, tabs))
        {
            await page.CloseAsync();
        }
        await WaitForCircuitsAsync(app, 1);
        await Task.Delay(Idle);
        var before = await app.HeapAsync();
        var beforeDump = dumps is null ? null : await dumps.CollectAsync(app, $"{name}-1");

        var pages = await OpenTabsAsync(context, path, tabs);
        await WaitForCircuitsAsync(app, tabs + 1);
        await Task.Delay(Idle);
        var after = await app.HeapAsync();
        if (dumps is not null)
        {
            dumps.Compare(beforeDump!, await dumps.CollectAsync(app, $"{name}-{tabs + 1}"), name);
        }

        foreach (var page in pages.Append(first))
        {
            await page.CloseAsync();
        }
        return (after - before) / 1024.0 / tabs;
    }

    private static async Task<List<IPage>> OpenTabsAsync(IBrowserContext context, string path, int tabs)
    {
        var pages = new List<IPage>();
        foreach (var batch in Enumerable.Range(0, tabs).Chunk(OpenAtOnce))
        {
            pages.AddRange(await Task.WhenAll(batch.Select(_ => OpenTabAsync(context, path))));
        }
        return pages;
    }

    private static async Task<IPage> OpenTabAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.Locator("#circuit-state[data-state=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    /// <summary>Every circuit connected, none kept from closed tabs: a measurement starts from a known count.</summary>
    private static async Task WaitForCircuitsAsync(ServedApp app, int expected)
    {
        var waited = Stopwatch.StartNew();
        while (await app.CircuitsAsync() is var circuits && (circuits.Connected != expected || circuits.Open != expected))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException($"Expected {expected} circuits, the server has {circuits.Connected} connected and {circuits.Open} in memory.");
            }
            await Task.Delay(200);
        }
    }
}
