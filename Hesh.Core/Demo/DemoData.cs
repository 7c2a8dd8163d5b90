using Hesh.Core.Companies;
using Hesh.Core.Data;
using Hesh.Core.Grants;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Demo;

/// <summary>
/// The demo company a developer signs in to. The host calls this in Development only: no known password ever
/// exists outside it.
/// </summary>
public sealed class DemoData(HeshDbContext db, UserManager<HeshUser> userManager, TimeProvider clock, ILogger<DemoData> logger,
    ProductService products, ProductionService productions, TaskService tasks)
{
    public const string CompanyName = "Demo Workshop";
    /// <summary>A passphrase that passes the password rules for every demo person (a test keeps it so).</summary>
    public const string Password = "Copper-kettle-rain";

    public static readonly IReadOnlyList<(string Email, string First, string Last, bool Admin, bool Owner, UserStatus Status, string? Phone)> People =
    [
        ("owner@demo.hesh", "Olivia", "Owner", true, true, UserStatus.Active, "+1 555 010 0100"),
        ("admin@demo.hesh", "Adam", "Admin", true, false, UserStatus.Active, "+1 555 010 0101"),
        ("anna@demo.hesh", "Anna", "Novak", false, false, UserStatus.Active, "+1 555 010 0102"),
        ("boris@demo.hesh", "Boris", "Petrov", false, false, UserStatus.Active, "+1 555 010 0103"),
        ("carla@demo.hesh", "Carla", "Mendes", false, false, UserStatus.Active, null),
        ("dmitri@demo.hesh", "Dmitri", "Ivanov", false, false, UserStatus.Inactive, null),
        ("eva@demo.hesh", "Eva", "Kowalska", false, false, UserStatus.Pending, null),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.Companies.AnyAsync(c => c.Name == CompanyName, ct))
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var company = new Company { Name = CompanyName, CreatedAt = now };
        db.Companies.Add(company);
        await db.SaveChangesAsync(ct);
        var assembly = new Department { CompanyId = company.Id, Name = "Assembly" };
        var welding = new Department { CompanyId = company.Id, Name = "Welding", ParentId = assembly.Id };
        var painting = new Department { CompanyId = company.Id, Name = "Painting", ParentId = assembly.Id };
        var quality = new Department { CompanyId = company.Id, Name = "Quality" };
        db.Departments.AddRange(assembly, welding, painting, quality);
        var positions = new[] { "Foreman", "Welder", "Painter", "Inspector" }.Select(n => new Position { CompanyId = company.Id, Name = n }).ToList();
        db.Positions.AddRange(positions);
        await db.SaveChangesAsync(ct);
        var placement = new Dictionary<string, (Department Department, Position Position, PermissionKey[] Web)>
        {
            ["anna@demo.hesh"] = (welding, positions[1], [PermissionKey.ProductionsView, PermissionKey.TasksView]),
            ["boris@demo.hesh"] = (assembly, positions[0], [PermissionKey.PositionsDepartments, PermissionKey.ProductionsEdit, PermissionKey.TasksView]),
            ["carla@demo.hesh"] = (quality, positions[3], [PermissionKey.UsersPermissions, PermissionKey.ProductionsView, PermissionKey.Analytics]),
            ["dmitri@demo.hesh"] = (painting, positions[2], []),
        };
        foreach (var p in People)
        {
            var user = new HeshUser
            {
                UserName = p.Email, Email = p.Email, EmailConfirmed = true, CompanyId = company.Id,
                FirstName = p.First, LastName = p.Last, PhoneNumber = p.Phone, IsAdmin = p.Admin, IsOwner = p.Owner,
                Status = p.Status, CreatedAt = now,
            };
            if (placement.TryGetValue(p.Email, out var place))
            {
                user.DepartmentId = place.Department.Id;
                user.PositionId = place.Position.Id;
                user.WebAccess = place.Web.Aggregate(user.WebAccess, (access, key) => access.With(key, true));
            }
            if (p.Status == UserStatus.Pending)
            {
                Invitation.Issue(user, now);
            }
            var created = p.Status == UserStatus.Pending ? await userManager.CreateAsync(user) : await userManager.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                // Loud, not a demo company whose people cannot sign in.
                throw new InvalidOperationException($"Demo user {p.Email} was not created: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }
        }
        var gate = new Product { CompanyId = company.Id, Name = "Steel gate", Description = "Double-leaf gate, 3 m, powder-coated.", CreatedAt = now, UpdatedAt = now };
        var bench = new Product { CompanyId = company.Id, Name = "Workbench", Description = "Heavy workbench with a beech top.", CreatedAt = now, UpdatedAt = now };
        db.Products.AddRange(gate, bench);
        db.ProductSteps.AddRange(
            new ProductStep { ProductId = gate.Id, Order = 1, Name = "Cut the profiles", DepartmentId = assembly.Id, BasicReward = 15 },
            new ProductStep { ProductId = gate.Id, Order = 2, Name = "Weld the frame", DepartmentId = welding.Id, BasicReward = 30 },
            new ProductStep { ProductId = gate.Id, Order = 3, Name = "Powder-coat", DepartmentId = painting.Id, BasicReward = 20 },
            new ProductStep { ProductId = gate.Id, Order = 4, Name = "Final inspection", DepartmentId = quality.Id, BasicReward = 8 },
            new ProductStep { ProductId = bench.Id, Order = 1, Name = "Weld the base", DepartmentId = welding.Id, BasicReward = 25 });
        company.KeyAbbreviation = "DW";
        await db.SaveChangesAsync(ct);
        await SeedSourcesAsync(ct);
        await SeedWorkAsync(gate.Id, ct);
        logger.LogInformation("Demo company {CompanyName} seeded", CompanyName);
    }

    /// <summary>
    /// Where the demo people's permissions came from, so the Permissions tab shows its "why": the owner gave them by hand,
    /// and Anna holds Analytics for the next 8 hours, which ends by itself.
    /// </summary>
    private async Task SeedSourcesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var people = await db.Users.Where(u => u.Email!.EndsWith("@demo.hesh")).ToListAsync(ct);
        var owner = people.Single(u => u.IsOwner);
        var empty = new AccessPair(AccessSet.Empty, AccessSet.Empty);
        foreach (var user in people.Where(u => !u.IsAdmin))
        {
            GrantLedger.Record(db, user, empty, AccessPair.Of(user), new GrantOrigin(GrantSource.Toggle, owner.Id, owner.FullName, now), []);
        }
        var anna = people.Single(u => u.Email == "anna@demo.hesh");
        var before = AccessPair.Of(anna);
        anna.WebAccess = anna.WebAccess.With(PermissionKey.Analytics, true);
        anna.AccessVersion++;
        await GrantLedger.RecordAsync(db, anna, before, AccessPair.Of(anna),
            new GrantOrigin(GrantSource.Toggle, owner.Id, owner.FullName, now, EndsAt: now.AddHours(8)), ct);
        Audit.AuditLog.RecordBy(db, now, anna.CompanyId, owner.Id, owner.FullName, anna.Id, anna.FullName, Audit.AuditAction.PermissionGranted,
                $"{Platform.Web.Title()} · Analytics until {TemporaryAccessService.Stamp(now.AddHours(8))}", before.Web.Describe(), anna.WebAccess.Describe(),
                ChangeSource.Toggle)
            .Announce(Common.AccessChangeKind.Permissions, "Analytics (web access) switched on for 8 hours");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A published product and productions in several statuses, with tasks worked by the demo people.</summary>
    private async Task SeedWorkAsync(Guid gateId, CancellationToken ct)
    {
        var users = await db.Users.Where(u => u.Email!.EndsWith("@demo.hesh")).ToDictionaryAsync(u => u.Email!, u => u.Id, ct);
        var owner = users["owner@demo.hesh"];
        await products.PublishAsync(owner, gateId, ct);
        var launched = new List<Guid>();
        foreach (var client in new[] { "City Park", "Riverside School", "Old Town Hall", "Harbour Office" })
        {
            launched.Add((await productions.LaunchAsync(owner, new LaunchInput { ProductId = gateId, Quantity = 2, Client = client, Deadline = clock.GetUtcNow().UtcDateTime.Date.AddDays(14) }, ct)).Value);
        }
        var workers = new[] { users["anna@demo.hesh"], users["boris@demo.hesh"], users["carla@demo.hesh"] };
        foreach (var production in launched)
        {
            var ids = await db.ProductionTasks.Where(t => t.ProductionId == production).OrderBy(t => t.Order).Select(t => t.Id).ToListAsync(ct);
            for (var i = 0; i < ids.Count; i++)
            {
                await tasks.AssignAsync(owner, [ids[i]], workers[i % workers.Length], ct);
            }
        }
        // DW-1 done, DW-2 half way, DW-3 stopped, DW-4 still to do.
        await WorkAsync(launched[0], 4);
        await WorkAsync(launched[1], 2);
        await productions.ApplyAsync(owner, launched[2], ProductionAction.Start, ct);
        await productions.ApplyAsync(owner, launched[2], ProductionAction.Stop, ct);

        async Task WorkAsync(Guid production, int count)
        {
            var ids = await db.ProductionTasks.Where(t => t.ProductionId == production).OrderBy(t => t.Order).Select(t => new { t.Id, t.AssigneeId }).ToListAsync(ct);
            foreach (var task in ids.Take(count))
            {
                await tasks.StartAsync(task.AssigneeId!, task.Id, ct);
                await tasks.FinishAsync(task.AssigneeId!, task.Id, ct);
            }
        }
    }
}
