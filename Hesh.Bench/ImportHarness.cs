using System.Diagnostics;
using System.Text;
using Hesh.Core.Common;
using Hesh.Core.Data;
using Hesh.Core.Positions;
using Hesh.Core.Users.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Bench;

/// <summary>
/// User import end to end, as the Users page's dialog runs it (the same Core calls): a 5,000-row CSV with departments
/// (by path) and positions read, matched and previewed; then committed — one transaction, position templates applied,
/// one audit entry each — and 5,000 invitations written to the pickup folder. Each run on a fresh company; SQLite by
/// default, PostgreSQL with HESH_BENCH_POSTGRES set to a connection string (its database is used as is).
/// Usage: dotnet run -c Release --project Hesh.Bench -- --import [rows] [runs]
/// </summary>
internal static class ImportHarness
{
    public static async Task RunAsync(int rows = 5000, int runs = 3)
    {
        var postgres = Environment.GetEnvironmentVariable("HESH_BENCH_POSTGRES");
        var mail = Directory.CreateTempSubdirectory("hesh-bench-import-mail-").FullName;
        var settings = new Dictionary<string, string> { ["Hesh:Email:PickupDirectory"] = mail };
        if (postgres is not null)
        {
            settings["Hesh:Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Hesh"] = postgres;
        }
        await using var host = new BenchHost(settings);
        await host.StartAsync();
        Console.WriteLine($"User import of {rows:N0} rows, {(postgres is null ? "SQLite" : "PostgreSQL")}; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine("run | read+preview s | commit+invitations s | total s | created | invitations written");
        var previews = new List<double>();
        var commits = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            var (ownerId, _) = await host.SeedAsync(0);
            var tag = Guid.NewGuid().ToString("N")[..8];
            await OrganisationAsync(host, ownerId);
            var csv = Encoding.UTF8.GetBytes(Csv(rows, tag));
            var before = Directory.Exists(mail) ? Directory.GetFiles(mail, "*.eml").Length : 0;

            var watch = Stopwatch.StartNew();
            var preview = await host.WithScope(s => s.GetRequiredService<UserImport>().PreviewAsync(ownerId, "people.csv", new MemoryStream(csv)));
            var previewed = watch.Elapsed.TotalSeconds;
            Check(preview, rows);
            watch.Restart();
            var report = await host.WithScope(s => s.GetRequiredService<UserImport>().CommitAsync(ownerId, preview.Value!));
            var committed = watch.Elapsed.TotalSeconds;
            if (!report.Succeeded)
            {
                throw new InvalidOperationException(report.Error);
            }
            var written = Directory.GetFiles(mail, "*.eml").Length - before;
            // The first run warms the JIT, EF's model and the query caches; it is shown, not counted.
            Console.WriteLine($"{(run == 0 ? "warm-up" : run.ToString())} | {previewed:F2} | {committed:F2} | {previewed + committed:F2} | {report.Value!.Created:N0} | {written:N0}");
            if (run > 0)
            {
                previews.Add(previewed);
                commits.Add(committed);
            }
        }
        Console.WriteLine($"mean | {previews.Average():F2} | {commits.Average():F2} | {previews.Average() + commits.Average():F2} |  |");
    }

    private static void Check(Result<ImportPreview> preview, int rows)
    {
        if (!preview.Succeeded || preview.Value!.AddCount != rows)
        {
            throw new InvalidOperationException(preview.Error ?? $"{preview.Value!.ErrorCount} rows with errors: {preview.Value.WithErrors.First().Reason}");
        }
    }

    /// <summary>Departments Assembly/Welding, Assembly/Painting and Office; positions Welder (with a template), Painter, Clerk.</summary>
    private static Task<int> OrganisationAsync(BenchHost host, string ownerId) => host.WithScope(async s =>
    {
        var db = s.GetRequiredService<HeshDbContext>();
        var companyId = await db.Users.Where(u => u.Id == ownerId).Select(u => u.CompanyId).SingleAsync();
        var assembly = new Department { CompanyId = companyId, Name = "Assembly" };
        db.Departments.AddRange(assembly, new Department { CompanyId = companyId, Name = "Welding", ParentId = assembly.Id },
            new Department { CompanyId = companyId, Name = "Painting", ParentId = assembly.Id }, new Department { CompanyId = companyId, Name = "Office" });
        db.Positions.AddRange(new Position { CompanyId = companyId, Name = "Welder", Template = Hesh.Core.Permissions.AccessPair.Defaults },
            new Position { CompanyId = companyId, Name = "Painter" }, new Position { CompanyId = companyId, Name = "Clerk" });
        return await db.SaveChangesAsync();
    });

    private static string Csv(int rows, string tag)
    {
        string[] departments = ["Assembly/Welding", "Assembly/Painting", "Office", ""];
        string[] positions = ["Welder", "Painter", "Clerk", ""];
        var text = new StringBuilder("Email,First name,Last name,Phone,External id,Department,Position\r\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append($"person{i}-{tag}@bench.hesh,Person,Number,+1 555 {i / 10000 % 1000:000} {i % 10000:0000},EMP-{i},{departments[i % 4]},{positions[i % 4]}\r\n");
        }
        return text.ToString();
    }
}
