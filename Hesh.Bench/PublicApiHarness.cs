using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Hesh.Core.ApiKeys;
using Hesh.Core.Common;
using Hesh.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Bench;

/// <summary>
/// The Public API end to end over loopback HTTP, SQLite, Production environment, invitations to the pickup folder:
/// (1) POST /users/batch with 1,000 new people, three times, each into a fresh company; (2) GET /users at 15 requests a
/// second for a minute (open loop: a request is sent every 1/15 s whatever the previous one does), spread over four
/// keys of one company because a single key may make only 300 calls a minute — p50/p95/p99 per request.
/// </summary>
internal static class PublicApiHarness
{
    public static async Task RunAsync(int batchSize = 1000, int rate = 15, int seconds = 60)
    {
        await using var host = new BenchHost();
        await host.StartAsync();
        Console.WriteLine($"Hesh Public API — one node, SQLite, {System.Environment.ProcessorCount} cores, .NET {System.Environment.Version}, loopback");

        for (var run = 1; run <= 3; run++)
        {
            var (ownerId, _) = await host.SeedAsync(0);
            var (companyId, secret) = await KeyAsync(host, ownerId);
            using var client = Client(host, secret, companyId);
            var body = JsonSerializer.Serialize(new
            {
                users = Enumerable.Range(0, batchSize).Select(i => new
                {
                    external_user_id = $"ERP-{run}-{i}", email = $"api{run}-{i}@bench.test", first_name = "Anna", last_name = $"Batch{(char)('a' + i % 26)}",
                    phone = $"+380 44 {run}{i:000000}",
                }),
            });
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsync("/api/v1/public/users/batch", new StringContent(body, Encoding.UTF8, "application/json"));
            var elapsed = watch.Elapsed;
            var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("created").GetInt32();
            var mails = Directory.Exists(Path.Combine(host.Root, "mail")) ? Directory.GetFiles(Path.Combine(host.Root, "mail")).Length : 0;
            Console.WriteLine($"batch run {run}: {(int)response.StatusCode}, {created} created in {elapsed.TotalSeconds:F2} s (request body {body.Length / 1024} KB; {mails} mails in the pickup folder so far)");
        }

        var (owner, _) = await host.SeedAsync(200);
        var keys = new List<(Guid Company, string Secret)>();
        for (var i = 0; i < 4; i++)
        {
            keys.Add(await KeyAsync(host, owner));
        }
        var clients = keys.Select(k => Client(host, k.Secret, k.Company)).ToList();
        for (var i = 0; i < 20; i++)
        {
            await clients[i % clients.Count].GetAsync("/api/v1/public/users?page_size=50");   // warm-up, not counted
        }
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var total = rate * seconds;
        var samples = new double[total];
        var statuses = new HttpStatusCode[total];
        var start = Stopwatch.StartNew();
        var tasks = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > start.Elapsed)
            {
                await Task.Delay(due - start.Elapsed);
            }
            var n = i;
            tasks.Add(Task.Run(async () =>
            {
                var watch = Stopwatch.StartNew();
                using var response = await clients[n % clients.Count].GetAsync($"/api/v1/public/users?page_size=50&page={1 + n % 4}");
                await response.Content.ReadAsByteArrayAsync();
                samples[n] = watch.Elapsed.TotalMilliseconds;
                statuses[n] = response.StatusCode;
            }));
        }
        await Task.WhenAll(tasks);
        var sorted = samples.Order().ToArray();
        double P(int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
        Console.WriteLine($"GET /users (page of 50 of 201) at {rate}/s for {seconds} s over {clients.Count} keys: {total} requests, " +
            $"{statuses.Count(s => s == HttpStatusCode.OK)} OK, {statuses.Count(s => s == HttpStatusCode.TooManyRequests)} 429; " +
            $"p50 {P(50):F1} ms, p95 {P(95):F1} ms, p99 {P(99):F1} ms, max {sorted[^1]:F1} ms (wall {start.Elapsed.TotalSeconds:F1} s)");
        clients.ForEach(c => c.Dispose());
    }

    private static async Task<(Guid Company, string Secret)> KeyAsync(BenchHost host, string ownerId) =>
        await host.WithScope(async s =>
        {
            var created = await s.GetRequiredService<ApiKeyService>().CreateAsync(ownerId,
                new CreateApiKeyInput { Name = $"Bench {Guid.NewGuid().ToString("N")[..6]}", Scopes = ApiScopes.UsersRead | ApiScopes.UsersWrite });
            var company = await s.GetRequiredService<HeshDbContext>().Users.Where(u => u.Id == ownerId).Select(u => u.CompanyId).SingleAsync();
            return (company, created.Value!.Secret);
        });

    private static HttpClient Client(BenchHost host, string secret, Guid company)
    {
        var client = new HttpClient { BaseAddress = host.Address };
        client.DefaultRequestHeaders.Add("x-api-key", secret);
        client.DefaultRequestHeaders.Add("x-tenant-id", company.ToString());
        return client;
    }
}
