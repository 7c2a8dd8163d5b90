using System.Collections.Concurrent;
using System.Diagnostics;
using Hesh.Core.Common;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hesh.Bench;

/// <summary>
/// `--bulk [N...]` (default 50 100 250 500): N users, each with one real browser tab (a Blazor circuit) open on the
/// Overview; a position template that adds "Company profile" is applied to all N at once through
/// <see cref="AccessPlanService.ApplyManyAsync"/> (the service behind the Users page's bulk action). A tab "shows it"
/// when the menu link appears in its DOM (a MutationObserver in the page takes the time). Steps grow in one browser:
/// the tabs of the previous step stay open and the template is taken away again (unmeasured) between steps.
///
/// A browser context per 100 tabs, each user on a host name of their own (uN.localhost, which chromium resolves to
/// loopback itself; one server on 127.0.0.1): cookies are kept per host, so the tabs of 100 users share a context and
/// all tabs share a few renderer processes — a context per user would be a renderer process per tab, more than this
/// machine holds; in one context for all, tabs beyond about 250 never connected.
/// </summary>
internal static class BulkTabHarness
{
    private const string Link = "a[href=\"company\"]";
    private const int TabsPerContext = 100;
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(10);

    public static async Task RunAsync(int[] steps)
    {
        var clock = Stopwatch.StartNew();
        var max = steps.Max();
        await using var host = new BenchHost(environment: "Development");
        await host.StartAsync();
        var port = host.Address.Port;
        var (ownerId, _) = await host.SeedAsync(0);
        var users = await ScaleHarness.SeedUsersAsync(host, ownerId, max);
        var cookies = await ScaleHarness.SignInAllAsync(host, users);
        await host.WithScope(s => s.GetRequiredService<PositionService>().AddPositionAsync(ownerId, "Bench foreman"));
        var position = await host.WithScope(s => s.GetRequiredService<HeshDbContext>().Positions.Where(p => p.Name == "Bench foreman").Select(p => p.Id).SingleAsync());
        var template = AccessPair.Defaults with { Web = AccessSet.Defaults(Platform.Web).With(PermissionKey.CompanyProfile, true) };
        var set = await host.WithScope(s => s.GetRequiredService<PositionService>().SetTemplateAsync(ownerId, position, template));
        if (!set.Succeeded)
        {
            throw new InvalidOperationException(set.Error);
        }
        var published = new ConcurrentDictionary<string, double>();
        var latest = new ConcurrentDictionary<string, AccessChanged>();
        using var tap = host.Services.GetRequiredService<AccessNotifier>().SubscribeNode(c =>
        {
            published[c.UserId] = NowMs();
            latest[c.UserId] = c;
            return Task.CompletedTask;
        });
        Console.WriteLine($"Hesh bulk apply to N users with one real tab each; {Environment.ProcessorCount} cores, .NET {Environment.Version}, chromium headless, " +
            $"server and browser on one machine, SQLite; seeded and signed in {max} users in {clock.Elapsed.TotalSeconds:F0} s; {ScaleHarness.AvailableMb():N0} MB available; load average {ScaleHarness.Load()}");

        // The same bulk apply with no tab open: what the commits alone cost, before any live update (once unmeasured: cold code).
        var some = await VersionsAsync(host, users.Take(50).Select(u => u.Id).ToList());
        await host.WithScope(s => s.GetRequiredService<AccessPlanService>().ApplyManyAsync(ownerId, some, new AccessPlan.FromPosition(position), ChangeSource.Bulk));
        some = await VersionsAsync(host, users.Take(50).Select(u => u.Id).ToList());
        await host.WithScope(s => s.GetRequiredService<AccessPlanService>().ApplyManyAsync(ownerId, some,
            new AccessPlan.Revoke(Platform.Web, [PermissionKey.CompanyProfile]), ChangeSource.Bulk));
        var everyone = await VersionsAsync(host, users.Select(u => u.Id).ToList());
        var bare = Stopwatch.StartNew();
        var bareCpu = CpuTicks();
        var bareOutcome = await host.WithScope(s => s.GetRequiredService<AccessPlanService>()
            .ApplyManyAsync(ownerId, everyone, new AccessPlan.FromPosition(position), ChangeSource.Bulk));
        var (_, bareServer) = CpuSince(bareCpu);
        Console.WriteLine($"ApplyManyAsync to {max} users with no tab open: {bare.Elapsed.TotalSeconds:F2} s, {bareOutcome.Value!.Applied.Count} applied, " +
            $"{bareServer / max * 1000:F1} ms of CPU per user (this process); load average {ScaleHarness.Load()}");
        everyone = await VersionsAsync(host, users.Select(u => u.Id).ToList());
        await host.WithScope(s => s.GetRequiredService<AccessPlanService>().ApplyManyAsync(ownerId, everyone,
            new AccessPlan.Revoke(Platform.Web, [PermissionKey.CompanyProfile]), ChangeSource.Bulk));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("HESH_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--disable-site-isolation-trials", "--disable-features=IsolateOrigins,site-per-process",
                $"--renderer-process-limit={Environment.GetEnvironmentVariable("HESH_RENDERERS") ?? "8"}"],
        });
        // In one context, tabs beyond about 250 never connected (chromium's 256-socket pool per network context): a context per 100 tabs.
        var contexts = new List<IBrowserContext>();
        var tabs = new List<(HeshUser User, IPage Page)>();
        var results = new List<string>();
        var secondsPerTab = 0.6;
        foreach (var step in steps.Order())
        {
            // Bounded: a step that would not end in time (opening its tabs at the last step's pace, plus a minute) is not started.
            if (clock.Elapsed + TimeSpan.FromSeconds((step - tabs.Count) * secondsPerTab) + TimeSpan.FromMinutes(1) > Bound)
            {
                results.Add($"| {step} | not run: opening {step - tabs.Count} more tabs at {secondsPerTab:F2} s each would pass the {Bound.TotalMinutes:F0}-minute bound |");
                break;
            }
            if (ScaleHarness.AvailableMb() < 3_000)
            {
                results.Add($"| {step} | stopped: under 3 GB of memory available |");
                break;
            }
            var opening = Stopwatch.StartNew();
            var heapBefore = ScaleHarness.ManagedHeapAfterFullGc();
            var tabsBefore = tabs.Count;
            var more = users.Skip(tabs.Count).Take(step - tabs.Count).Select((u, i) => (User: u, Index: tabsBefore + i)).ToList();
            var opened = new ConcurrentBag<(int, HeshUser, IPage)>();
            while (contexts.Count * TabsPerContext < step)
            {
                contexts.Add(await browser.NewContextAsync());
            }
            await Parallel.ForEachAsync(more, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, _) =>
            {
                var context = contexts[item.Index / TabsPerContext];
                var origin = $"http://{AddressOf(item.Index)}:{port}";
                await context.AddCookiesAsync(cookies[item.User.Id].Select(c => new Cookie { Name = c.Key, Value = c.Value, Url = origin }));
                var page = await context.NewPageAsync();
                await page.GotoAsync(origin + "/", new() { Timeout = 240_000 });
                await page.Locator("#circuit-state[data-state=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 240_000 });
                opened.Add((item.Index, item.User, page));
            });
            tabs.AddRange(opened.OrderBy(o => o.Item1).Select(o => (o.Item2, o.Item3)));
            secondsPerTab = opening.Elapsed.TotalSeconds / Math.Max(1, tabs.Count - tabsBefore);
            // Each tab is signed in as its own user: its "My profile" link names that user.
            var profiles = await Task.WhenAll(tabs.Select(t => t.Page.EvaluateAsync<string?>("() => document.querySelector('a[href^=\"users/\"]')?.getAttribute('href') ?? null")));
            var strangers = tabs.Where((t, i) => profiles[i] != $"users/{t.User.Id}").Count();
            if (strangers > 0)
            {
                throw new InvalidOperationException($"{strangers} tabs are not signed in as their own user.");
            }
            var perCircuit = (ScaleHarness.ManagedHeapAfterFullGc() - heapBefore) / 1024.0 / 1024.0 / Math.Max(1, tabs.Count - tabsBefore);
            var circuits = host.Services.GetRequiredService<LivePresence>();
            var browserMb = BrowserPssMb();
            var (browserCpu, serverCpu) = await IdleCpuAsync(TimeSpan.FromSeconds(5));
            Console.WriteLine($"  {tabs.Count} tabs open ({opening.Elapsed.TotalSeconds:F0} s to open {tabs.Count - tabsBefore}); {(await circuits.OnlineSessionsOfAsync(tabs[0].User.Id)).Count} open session for the first user; " +
                $"server heap +{perCircuit:F2} MB per new circuit; chromium {browserMb:N0} MB (PSS); {ScaleHarness.AvailableMb():N0} MB available; " +
                $"idle CPU over 5 s: chromium {browserCpu:P0}, this process (server + harness) {serverCpu:P0} of one core; load average {ScaleHarness.Load()}");

            // Each tab resolves a promise with its clock when the link appears; installed in every tab before the apply starts.
            var shown = await WatchAsync(tabs, appears: true);
            var versions = await VersionsAsync(host, tabs.Select(t => t.User.Id).ToList());
            var started = NowMs();
            var cpu = CpuTicks();
            latest.Clear();   // only this step's changes count as applied
            using var stopWatching = new CancellationTokenSource();
            var serverSide = ServerApplied.WatchAsync(host.Services.GetRequiredService<LivePresence>(), latest, NowMs, stopWatching.Token);
            var apply = Stopwatch.StartNew();
            var outcome = await host.WithScope(s => s.GetRequiredService<AccessPlanService>()
                .ApplyManyAsync(ownerId, versions, new AccessPlan.FromPosition(position), ChangeSource.Bulk, closingPagesConfirmed: true));
            var applyMs = apply.Elapsed.TotalMilliseconds;
            if (!outcome.Succeeded || outcome.Value!.Applied.Count != tabs.Count)
            {
                throw new InvalidOperationException($"Bulk apply: {outcome.Error ?? $"{outcome.Value!.Applied.Count} applied, {outcome.Value.Skipped.Count} skipped"}");
            }
            var all = Task.WhenAll(shown);
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromMinutes(2)));
            var (browserWork, serverWork) = CpuSince(cpu);
            await stopWatching.CancelAsync();
            var appliedAt = await serverSide;
            var onServer = tabs.Where(t => appliedAt.ContainsKey(t.User.Id)).Select(t => appliedAt[t.User.Id] - published[t.User.Id]).ToList();
            var times = shown.Select(t => t.IsCompletedSuccessfully ? t.Result : double.NaN).ToList();
            var missing = times.Count(t => double.IsNaN(t) || t < 0);
            foreach (var (tab, i) in tabs.Select((t, i) => (t, i)).Where(x => double.IsNaN(times[x.i]) || times[x.i] < 0).Take(5))
            {
                Console.WriteLine($"    not shown: tab {i} ({AddressOf(i)}): {(shown[i].IsFaulted ? shown[i].Exception!.InnerException!.Message.Split('\n')[0] : shown[i].IsCompleted ? "was showing it before" : "pending")}; " +
                    $"now {await DescribeAsync(tab.Page)}");
            }
            var perTab = tabs.Select((t, i) => times[i] - published[t.User.Id]).Where(d => !double.IsNaN(d)).ToList();
            var fromStart = times.Where(t => !double.IsNaN(t) && t >= 0).Select(t => t - started).ToList();
            results.Add($"| {tabs.Count} | {applyMs / 1000:F2} s | {fromStart.DefaultIfEmpty(double.NaN).Max() / 1000:F2} s | {ScaleHarness.P(perTab, 50):F0} ms | " +
                $"{ScaleHarness.P(perTab, 95):F0} ms | {ScaleHarness.P(perTab, 99):F0} ms | {perTab.DefaultIfEmpty(double.NaN).Max():F0} ms | {missing} | " +
                $"{ScaleHarness.P(onServer, 50):F0} / {ScaleHarness.P(onServer, 95):F0} ms ({onServer.Count}) | " +
                $"{serverWork:F1} s | {browserWork:F1} s | {perCircuit:F2} MB | {browserMb:N0} MB | {ScaleHarness.Load()} |");
            Console.WriteLine(results[^1]);

            // Back to the defaults for the next step (not measured).
            var gone = await WatchAsync(tabs, appears: false);
            versions = await VersionsAsync(host, tabs.Select(t => t.User.Id).ToList());
            await host.WithScope(s => s.GetRequiredService<AccessPlanService>()
                .ApplyManyAsync(ownerId, versions, new AccessPlan.Revoke(Platform.Web, [PermissionKey.CompanyProfile]), ChangeSource.Bulk, closingPagesConfirmed: true));
            await Task.WhenAny(Task.WhenAll(gone), Task.Delay(TimeSpan.FromMinutes(2)));
            if (gone.Count(t => !t.IsCompletedSuccessfully || t.Result < 0) is > 0 and var stuck)
            {
                Console.WriteLine($"    {stuck} tabs did not lose the link again after the template was taken away");
            }
        }
        Console.WriteLine();
        Console.WriteLine("| tabs (users) | ApplyManyAsync | start → all tabs show it | per tab (own commit → DOM) p50 | p95 | p99 | max | tabs not showing it | receipt on the server (own commit → LivePresence.Applied) p50 / p95 (circuits) | CPU: server + harness | CPU: chromium | server heap per circuit | chromium PSS | load avg |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        results.ForEach(Console.WriteLine);
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
    }

    private static async Task<string> DescribeAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<string>("""
                () => `url ${location.pathname}, link ${document.querySelector('a[href="company"]') !== null}, ` +
                    `circuit ${document.querySelector('#circuit-state')?.dataset.state}, ` +
                    `reconnect ${document.querySelector('#components-reconnect-modal')?.className ?? 'none'}`
                """);
        }
        catch (PlaywrightException ex)
        {
            return ex.Message.Split('\n')[0];
        }
    }

    /// <summary>Tab i's own host name (loopback): its cookies are its own.</summary>
    private static string AddressOf(int index) => $"u{index}.localhost";

    private static double NowMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    /// <summary>
    /// Installs in each tab a watcher that takes the page's clock when the link appears (or goes), and waits until every
    /// tab has it; then returns, per tab, the task of its time (-1: it was already so when the watcher was installed).
    /// </summary>
    private static async Task<List<Task<double>>> WatchAsync(List<(HeshUser User, IPage Page)> tabs, bool appears)
    {
        var install = $$"""
            () => {
                const done = () => (document.querySelector('{{Link}}') !== null) === {{(appears ? "true" : "false")}};
                window.__heshWatch = new Promise(resolve => {
                    if (done()) { resolve(-1); return; }
                    const observer = new MutationObserver(() => { if (done()) { const at = Date.now(); observer.disconnect(); resolve(at); } });
                    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
                });
                return true;
            }
            """;
        await Task.WhenAll(tabs.Select(t => t.Page.EvaluateAsync<bool>(install)));
        return tabs.Select(t => t.Page.EvaluateAsync<double>("() => window.__heshWatch")).ToList();
    }

    private static Task<Dictionary<string, int>> VersionsAsync(BenchHost host, List<string> ids) =>
        host.WithScope(s => s.GetRequiredService<HeshDbContext>().Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.AccessVersion));

    /// <summary>CPU used by chromium and by this process over <paramref name="span"/>, as a fraction of one core.</summary>
    private static async Task<(double Browser, double Self)> IdleCpuAsync(TimeSpan span)
    {
        var before = CpuTicks();
        await Task.Delay(span);
        var (browser, self) = CpuSince(before);
        return (browser / span.TotalSeconds, self / span.TotalSeconds);
    }

    /// <summary>CPU seconds of chromium's processes and of this one since <paramref name="before"/> (a process that ended meanwhile is not counted).</summary>
    private static (double Browser, double Self) CpuSince((Dictionary<int, long> Browser, long Self) before)
    {
        var now = CpuTicks();
        const double TicksPerSecond = 100;   // USER_HZ
        var browser = now.Browser.Sum(p => p.Value - before.Browser.GetValueOrDefault(p.Key));
        return (browser / TicksPerSecond, (now.Self - before.Self) / TicksPerSecond);
    }

    private static (Dictionary<int, long> Browser, long Self) CpuTicks()
    {
        var browser = new Dictionary<int, long>();
        long self = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);   // utime, stime
                if (pid == Environment.ProcessId)
                {
                    self = ticks;
                }
                else if (File.ReadAllText(Path.Combine(dir, "comm")).StartsWith("chrom", StringComparison.Ordinal))
                {
                    browser[pid] = ticks;
                }
            }
            catch (IOException)
            {
            }
        }
        return (browser, self);
    }

    /// <summary>Proportional set size of every chromium process, in MB.</summary>
    private static double BrowserPssMb()
    {
        double kb = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(dir, "comm")).StartsWith("chrom", StringComparison.Ordinal))
                {
                    continue;
                }
                var line = File.ReadLines(Path.Combine(dir, "smaps_rollup")).FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
                kb += line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return kb / 1024;
    }
}

/// <summary>
/// When each circuit has applied its user's latest change on the server (LiveRefresh has re-read the user and
/// re-rendered: <see cref="LivePresence.Applied"/>), read from <see cref="LivePresence"/>'s circuits every 5 ms by
/// reflection — the harness's view past the browser; the app has no public list of circuits.
/// </summary>
internal static class ServerApplied
{
    public static async Task<Dictionary<string, double>> WatchAsync(LivePresence presence, ConcurrentDictionary<string, AccessChanged> latest,
        Func<double> now, CancellationToken stop)
    {
        var seen = new Dictionary<string, double>();
        var circuits = typeof(LivePresence).GetField("_circuits", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)?.GetValue(presence);
        var values = circuits?.GetType().GetProperty("Values");
        if (values is null)
        {
            return seen;
        }
        System.Reflection.PropertyInfo? userIdOf = null, appliedOf = null;
        while (!stop.IsCancellationRequested)
        {
            foreach (var circuit in (System.Collections.IEnumerable)values.GetValue(circuits)!)
            {
                userIdOf ??= circuit.GetType().GetProperty("UserId");
                appliedOf ??= circuit.GetType().GetProperty("Applied");
                if (userIdOf?.GetValue(circuit) is string userId && !seen.ContainsKey(userId) && latest.TryGetValue(userId, out var change)
                    && ReferenceEquals(appliedOf?.GetValue(circuit), change))
                {
                    seen[userId] = now();
                }
            }
            try
            {
                await Task.Delay(5, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
        return seen;
    }
}
