using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Products;
using Hesh.Core.Users;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Productions;

public sealed class LaunchInput
{
    [Required(ErrorMessageResourceType = typeof(Messages), ErrorMessageResourceName = nameof(Messages.ChooseAProduct))]
    public Guid? ProductId { get; set; }

    [Range(1, 100_000, ErrorMessageResourceType = typeof(Messages), ErrorMessageResourceName = nameof(Messages.QuantityOutOfRange))]
    public int Quantity { get; set; } = 1;

    [StringLength(Production.ClientMaxLength, ErrorMessageResourceType = typeof(Messages), ErrorMessageResourceName = nameof(Messages.ClientTooLong))]
    [RegularExpression(@"^[^<>]*$", ErrorMessageResourceType = typeof(Messages), ErrorMessageResourceName = nameof(Messages.ClientAngleBrackets))]
    public string? Client { get; set; }

    public DateTime? Deadline { get; set; }
}

public sealed record ProductionQuery(string? Search = null, ProductionStatus? Status = null, string Sort = "newest");

public sealed record ProductionRow(Guid Id, string Key, string ProductName, int VersionNumber, int Quantity, string? Client, DateTime? Deadline,
    ProductionStatus Status, int DoneTasks, int AllTasks, DateTime CreatedAt)
{
    public double Progress => ProductionRules.Progress(DoneTasks, AllTasks);

    /// <summary>What the actor who asked may do with this production now.</summary>
    public ProductionCapabilities Can { get; init; } = ProductionCapabilities.None;
}

/// <summary>The productions list, with whether the actor may launch a new one.</summary>
public sealed record ProductionList(IReadOnlyList<ProductionRow> Rows, Permit Launch);

public sealed record TaskRow(Guid Id, string Key, int Order, string Name, Guid? DepartmentId, WorkStatus Status, bool InQueue, decimal BasicReward);

public sealed record ProductionDetails(ProductionRow Summary, IReadOnlyList<TaskRow> Tasks)
{
    /// <summary>What the actor who asked may do with this production now.</summary>
    public ProductionCapabilities Can => Summary.Can;
}

public sealed record LaunchOption(Guid ProductId, string Name, int Version, int Steps);

/// <summary>
/// Productions: "Productions view" sees them, "Productions edit" launches and moves them along the documented
/// statuses. Launching needs a published product version; Products edit alone cannot launch.
/// </summary>
public sealed class ProductionService(HeshDbContext db, CurrentActorLoader actors, TimeProvider clock, ILogger<ProductionService> logger)
{
    private static Result NotAllowed => Result.Fail(ProductionRules.NeedsEdit);

    public async Task<ProductionList?> ListAsync(string actorId, ProductionQuery query, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.ProductionsView))
        {
            return null;
        }
        var productions = db.Productions.AsNoTracking().Where(p => p.CompanyId == actor.CompanyId);
        if (query.Status is { } status)
        {
            productions = productions.Where(p => p.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SearchPattern.Contains(query.Search);
            productions = productions.Where(p => EF.Functions.Like(p.Key.ToLower(), pattern, SearchPattern.Escape) || EF.Functions.Like(p.ProductName.ToLower(), pattern, SearchPattern.Escape)
                || EF.Functions.Like(p.Client!.ToLower(), pattern, SearchPattern.Escape));
        }
        productions = query.Sort switch
        {
            "deadline" => productions.OrderBy(p => p.Deadline == null).ThenBy(p => p.Deadline).ThenByDescending(p => p.Number),
            "key" => productions.OrderBy(p => p.Number),
            _ => productions.OrderByDescending(p => p.Number),
        };
        var rows = await productions.Take(500).Select(p => new ProductionRow(p.Id, p.Key, p.ProductName, p.VersionNumber, p.Quantity, p.Client, p.Deadline,
            p.Status, p.Tasks.Count(t => t.Status == WorkStatus.Done), p.Tasks.Count, p.CreatedAt)).ToListAsync(ct);
        return new ProductionList(rows.Select(r => r with { Can = ProductionRules.CapabilitiesOf(actor, r.Status) }).ToList(), ProductionRules.LaunchFor(actor));
    }

    public async Task<ProductionDetails?> GetAsync(string actorId, Guid productionId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.ProductionsView))
        {
            return null;
        }
        var p = await db.Productions.AsNoTracking().Include(x => x.Tasks).SingleOrDefaultAsync(x => x.Id == productionId && x.CompanyId == actor.CompanyId, ct);
        if (p is null)
        {
            return null;
        }
        var row = new ProductionRow(p.Id, p.Key, p.ProductName, p.VersionNumber, p.Quantity, p.Client, p.Deadline, p.Status,
            p.Tasks.Count(t => t.Status == WorkStatus.Done), p.Tasks.Count, p.CreatedAt) { Can = ProductionRules.CapabilitiesOf(actor, p.Status) };
        return new ProductionDetails(row,
            p.Tasks.OrderBy(t => t.Order).Select(t => new TaskRow(t.Id, t.Key, t.Order, t.Name, t.DepartmentId, t.Status, t.InQueue, t.BasicReward)).ToList());
    }

    /// <summary>Published products a production can be launched from (their latest version).</summary>
    public async Task<IReadOnlyList<LaunchOption>> LaunchOptionsAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.ProductionsView))
        {
            return [];
        }
        var versions = await db.Products.AsNoTracking().Where(p => p.CompanyId == actor.CompanyId && p.LatestVersion > 0)
            .Join(db.ProductVersions, p => new { P = p.Id, N = p.LatestVersion }, v => new { P = v.ProductId, N = v.Number }, (p, v) => new { p.Id, p.Name, v.Number, v.StepsJson })
            .OrderBy(x => x.Name).ToListAsync(ct);
        return versions.Select(v => new LaunchOption(v.Id, v.Name, v.Number, JsonSerializer.Deserialize<List<StepInput>>(v.StepsJson)!.Count)).ToList();
    }

    public async Task<Result<Guid>> LaunchAsync(string actorId, LaunchInput input, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.ProductionsEdit))
        {
            return Result<Guid>.From(NotAllowed);
        }
        var invalid = InputValidation.Validate(input);
        if (!invalid.Succeeded)
        {
            return Result<Guid>.From(invalid);
        }
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == input.ProductId && p.CompanyId == actor.CompanyId, ct);
        if (product is null)
        {
            return Result<Guid>.From(Result.Invalid(nameof(input.ProductId), Messages.Say("This product does not exist.")));
        }
        var version = await db.ProductVersions.AsNoTracking().SingleOrDefaultAsync(v => v.ProductId == product.Id && v.Number == product.LatestVersion, ct);
        if (version is null)
        {
            return Result<Guid>.From(Result.Invalid(nameof(input.ProductId), Messages.Say("This product has no published version yet. Publish it first.")));
        }
        var steps = JsonSerializer.Deserialize<List<StepInput>>(version.StepsJson)!;
        var abbreviation = await db.Companies.Where(c => c.Id == actor.CompanyId).Select(c => c.KeyAbbreviation).SingleAsync(ct);

        // The number is the company's next; the unique index (company, number) makes a concurrent launch retry.
        for (var attempt = 0; ; attempt++)
        {
            var number = (await db.Productions.Where(p => p.CompanyId == actor.CompanyId).MaxAsync(p => (int?)p.Number, ct) ?? 0) + 1;
            var key = $"{abbreviation}-{number}";
            var production = new Production
            {
                CompanyId = actor.CompanyId, Number = number, Key = key, ProductId = product.Id, ProductVersionId = version.Id,
                ProductName = version.Name, VersionNumber = version.Number, Quantity = input.Quantity, Client = string.IsNullOrWhiteSpace(input.Client) ? null : input.Client.Trim(),
                Deadline = input.Deadline is { } d ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : null, Status = ProductionStatus.ToDo,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Productions.Add(production);
            db.ProductionTasks.AddRange(steps.Select((s, i) => new ProductionTask
            {
                CompanyId = actor.CompanyId, ProductionId = production.Id, Key = $"{key}-{i + 1}", Order = i + 1, Name = s.Name,
                ProductionNumber = number, SearchText = $"{key}-{i + 1} {s.Name}".ToLowerInvariant(),
                DepartmentId = s.DepartmentId, BasicReward = s.BasicReward, Status = WorkStatus.ToDo, InQueue = i > 0,
            }));
            ProductionAudit.Launched(db, production.CreatedAt, actor, production);
            try
            {
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Production {Key} launched from {ProductId} v{Version} by {ActorId}", key, product.Id, version.Number, actorId);
                return Result<Guid>.Success(production.Id);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<Result> ApplyAsync(string actorId, Guid productionId, ProductionAction action, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.ProductionsEdit))
        {
            return NotAllowed;
        }
        var production = await db.Productions.SingleOrDefaultAsync(p => p.Id == productionId && p.CompanyId == actor.CompanyId, ct);
        if (production is null)
        {
            return Result.Fail(Messages.Say("This production no longer exists."));
        }
        if (ProductionRules.After(production.Status, action) is not { } next)
        {
            return Result.Fail(Messages.Say("A production that is {0} cannot be changed with \"{1}\".", production.Status.Name().ToLower(System.Globalization.CultureInfo.CurrentCulture), action.Name()));
        }
        var before = production.Status;
        production.Status = next;
        ProductionAudit.StatusChanged(db, clock.GetUtcNow().UtcDateTime, actor, production, before, action.Title());
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Production {Key}: {Action} by {ActorId}", production.Key, action, actorId);
        return Result.Ok;
    }

    public async Task<Result> DeleteAsync(string actorId, Guid productionId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.ProductionsEdit))
        {
            return NotAllowed;
        }
        var production = await db.Productions.SingleOrDefaultAsync(p => p.Id == productionId && p.CompanyId == actor.CompanyId, ct);
        if (production is null)
        {
            return Result.Fail(Messages.Say("This production no longer exists."));
        }
        if (!ProductionRules.CanDelete(production.Status))
        {
            return Result.Fail(ProductionRules.OnlyToDoDeletes);
        }
        db.Productions.Remove(production);
        ProductionAudit.Deleted(db, clock.GetUtcNow().UtcDateTime, actor, production);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Production {Key} deleted by {ActorId}", production.Key, actorId);
        return Result.Ok;
    }
}
