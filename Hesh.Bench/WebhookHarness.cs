using System.Diagnostics;
using Hesh.Core.Common;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Bench;

/// <summary>
/// What the webhook outbox adds to a permission toggle (UserPermissionService.ToggleAsync, one SaveChanges): a company
/// with no endpoint, one with an endpoint not subscribed to permission changes, and one with two subscribed endpoints
/// (two delivery rows written in the same commit). The dispatcher is off, so only the write path is timed.
/// </summary>
internal static class WebhookHarness
{
    public static async Task RunAsync(int toggles = 300)
    {
        await using var host = new BenchHost(new Dictionary<string, string> { ["Hesh:Webhooks:Dispatch"] = "false" });
        await host.StartAsync();
        Console.WriteLine($"Webhook outbox overhead on a permission toggle — SQLite, {System.Environment.ProcessorCount} cores, {toggles} toggles per case");
        var cases = new List<(string Name, string OwnerId, Hesh.Core.Users.HeshUser User, List<double> Samples)>();
        foreach (var (name, endpoints) in new[] { ("no endpoint", 0), ("1 endpoint, other events", -1), ("2 subscribed endpoints", 2) })
        {
            var (ownerId, users) = await host.SeedAsync(1);
            var user = users[0];
            await host.WithScope(async s =>
            {
                var db = s.GetRequiredService<HeshDbContext>();
                for (var i = 0; i < Math.Abs(endpoints); i++)
                {
                    db.WebhookEndpoints.Add(new WebhookEndpoint
                    {
                        Id = Guid.NewGuid(), CompanyId = user.CompanyId, Url = $"https://93.184.216.34/bench/{i}", ProtectedSecret = "x", CreatedAt = DateTime.UtcNow,
                        Events = endpoints < 0 ? WebhookEvents.UserCreated : WebhookEventTypes.All,
                    });
                }
                return await db.SaveChangesAsync();
            });
            cases.Add((name, ownerId, user, []));
        }
        // Interleaved, so warm-up and the machine's other load fall on every case alike.
        for (var i = 0; i < toggles + 20; i++)
        {
            foreach (var (_, ownerId, user, samples) in cases)
            {
                var elapsed = await host.WithScope(async s =>
                {
                    var version = await s.GetRequiredService<HeshDbContext>().Users.Where(u => u.Id == user.Id).Select(u => u.AccessVersion).SingleAsync();
                    var watch = Stopwatch.StartNew();
                    var result = await s.GetRequiredService<UserPermissionService>().ToggleAsync(ownerId, user.Id, Platform.Web, PermissionKey.Analytics, i % 2 == 0, version);
                    watch.Stop();
                    if (!result.Succeeded)
                    {
                        throw new InvalidOperationException(result.Error);
                    }
                    return watch.Elapsed.TotalMilliseconds;
                });
                if (i >= 20)
                {
                    samples.Add(elapsed); // the first 20 rounds warm the code paths
                }
            }
        }
        foreach (var (name, _, user, samples) in cases)
        {
            var rows = await host.WithScope(s => s.GetRequiredService<HeshDbContext>().WebhookDeliveries.CountAsync(d => d.CompanyId == user.CompanyId));
            var sorted = samples.Order().ToList();
            double P(int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
            Console.WriteLine($"{name}: mean {samples.Average():F2} ms, p50 {P(50):F2} ms, p95 {P(95):F2} ms; {rows} delivery rows written");
        }
    }
}
