using System.Diagnostics;
using Hesh.Core.Companies;
using Hesh.Core.Data;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Bench;

/// <summary>
/// The Users list and the task table with 100,000 rows each on SQLite: server-side time of search + page queries
/// through UserQueries and TaskService (the services the screens call), p50/p95 over repeated mixed queries.
/// </summary>
internal static class ListHarness
{
    public static async Task RunAsync(int rows = 100_000, int queries = 200)
    {
        await using var host = new BenchHost();
        await host.StartAsync();
        var (ownerId, _) = await host.SeedAsync(0);
        var companyId = await host.WithScope(s => s.GetRequiredService<HeshDbContext>().Users.Where(u => u.Id == ownerId).Select(u => u.CompanyId).SingleAsync());
        var seed = Stopwatch.StartNew();
        await SeedAsync(host, companyId, ownerId, rows);
        Console.WriteLine($"Seeded {rows:N0} users and {rows:N0} tasks in {seed.Elapsed.TotalSeconds:F0} s");

        string[] terms = ["ann", "smith", "555 01", "user n12", "zz-none", "@bench", "N4999"];
        var users = new List<double>();
        var tasks = new List<double>();
        for (var i = 0; i < queries; i++)
        {
            var term = i % 3 == 0 ? null : terms[i % terms.Length];
            var page = i % 5;
            users.Add(await TimeAsync(host, s => s.GetRequiredService<UserQueries>().ListAsync(ownerId, new UserListQuery(term, Page: page, PageSize: 25))));
            tasks.Add(await TimeAsync(host, s => s.GetRequiredService<TaskQueries>().ListAsync(ownerId,
                new TaskQuery(term is null ? null : $"t{i % 97}", Status: i % 4 == 0 ? WorkStatus.ToDo : null, Page: page, PageSize: 25))));
        }
        Report("Users list (search name/email/phone + page of 25)", users);
        Report("Task table (search key/name, status filter + page of 25)", tasks);
    }

    private static async Task<double> TimeAsync<T>(BenchHost host, Func<IServiceProvider, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var watch = Stopwatch.StartNew();
        await query(scope.ServiceProvider);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static void Report(string what, List<double> samples)
    {
        var sorted = samples.Order().ToList();
        double P(int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
        Console.WriteLine($"{what}: p50 {P(50):F1} ms, p95 {P(95):F1} ms, p99 {P(99):F1} ms ({samples.Count} queries)");
    }

    private static async Task SeedAsync(BenchHost host, Guid companyId, string ownerId, int rows)
    {
        const int Batch = 5_000;
        for (var start = 0; start < rows; start += Batch)
        {
            await host.WithScope(async s =>
            {
                var db = s.GetRequiredService<HeshDbContext>();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                for (var i = start; i < Math.Min(rows, start + Batch); i++)
                {
                    var email = $"u{i}@bench.hesh";
                    db.Users.Add(new HeshUser
                    {
                        UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                        CompanyId = companyId, FirstName = i % 7 == 0 ? "Anna" : "User", LastName = i % 11 == 0 ? "Smith" : $"N{i}",
                        PhoneNumber = $"+1 555 {i % 1000:000} {i % 10000:0000}", Status = (UserStatus)(i % 3), SecurityStamp = Guid.NewGuid().ToString(),
                    });
                }
                return await db.SaveChangesAsync();
            });
        }
        var product = await host.WithScope(s => s.GetRequiredService<ProductService>().CreateAsync(ownerId, new ProductInput { Name = "Bench" }));
        await host.WithScope(s => s.GetRequiredService<ProductService>().SaveDraftAsync(ownerId, product.Value, new ProductInput { Name = "Bench" }, [new StepInput { Name = "Step" }]));
        await host.WithScope(s => s.GetRequiredService<ProductService>().PublishAsync(ownerId, product.Value));
        var version = await host.WithScope(s => s.GetRequiredService<HeshDbContext>().ProductVersions.Where(v => v.ProductId == product.Value).Select(v => v.Id).SingleAsync());
        const int TasksPerProduction = 20;
        for (var start = 0; start < rows; start += Batch)
        {
            await host.WithScope(async s =>
            {
                var db = s.GetRequiredService<HeshDbContext>();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                for (var p = start / TasksPerProduction; p < Math.Min(rows, start + Batch) / TasksPerProduction; p++)
                {
                    var production = new Production
                    {
                        CompanyId = companyId, Number = p + 1, Key = $"BN-{p + 1}", ProductId = product.Value, ProductVersionId = version,
                        ProductName = "Bench", VersionNumber = 1, Quantity = 1, Status = ProductionStatus.InProgress, CreatedAt = DateTime.UtcNow,
                    };
                    db.Productions.Add(production);
                    for (var t = 0; t < TasksPerProduction; t++)
                    {
                        db.ProductionTasks.Add(new ProductionTask
                        {
                            CompanyId = companyId, ProductionId = production.Id, Key = $"BN-{p + 1}-{t + 1}", Order = t + 1, Name = $"Task t{(p * TasksPerProduction + t) % 97}", ProductionNumber = p + 1, SearchText = $"bn-{p + 1}-{t + 1} task t{(p * TasksPerProduction + t) % 97}",
                            Status = (WorkStatus)(t % 7), InQueue = t > 0,
                        });
                    }
                }
                return await db.SaveChangesAsync();
            });
        }
    }
}
