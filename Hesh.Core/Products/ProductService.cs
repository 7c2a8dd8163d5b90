using System.Text.Json;
using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Products;

/// <summary>
/// The product catalog: everyone holds "Products view" on the web; "Products edit" creates, edits and publishes.
/// Launching into production is not here: it needs "Productions edit".
/// </summary>
public sealed class ProductService(HeshDbContext db, CurrentActorLoader actors, TimeProvider clock, ILogger<ProductService> logger)
{
    private static Result NotAllowed => Result.Fail(ProductRules.NeedsEdit);

    public async Task<ProductList?> ListAsync(string actorId, string? search, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.ProductsView))
        {
            return null;
        }
        var products = db.Products.AsNoTracking().Where(p => p.CompanyId == actor.CompanyId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = SearchPattern.Contains(search);
            products = products.Where(p => EF.Functions.Like(p.Name.ToLower(), pattern, SearchPattern.Escape));
        }
        var rows = await products.OrderBy(p => p.Name)
            .Select(p => new ProductRow(p.Id, p.Name, p.Description, p.Steps.Count, p.LatestVersion, p.HasUnpublishedChanges, p.UpdatedAt))
            .ToListAsync(ct);
        return new ProductList(rows.Select(r => r with { Can = ProductRules.CapabilitiesOf(actor, r.StepCount) }).ToList(), ProductRules.EditFor(actor));
    }

    public async Task<ProductDetails?> GetAsync(string actorId, Guid productId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.ProductsView))
        {
            return null;
        }
        var product = await db.Products.AsNoTracking().Include(p => p.Steps)
            .SingleOrDefaultAsync(p => p.Id == productId && p.CompanyId == actor.CompanyId, ct);
        if (product is null)
        {
            return null;
        }
        var versions = await db.ProductVersions.AsNoTracking().Where(v => v.ProductId == productId).OrderByDescending(v => v.Number).ToListAsync(ct);
        return new ProductDetails(product.Id, product.Name, product.Description, product.LatestVersion, product.HasUnpublishedChanges,
            product.Steps.OrderBy(s => s.Order).Select(s => new StepView(s.Id, s.Order, s.Name, s.DepartmentId, s.BasicReward)).ToList(),
            versions.Select(v => new VersionView(v.Number, v.PublishedAt, v.PublishedBy, JsonSerializer.Deserialize<List<StepInput>>(v.StepsJson)!.Count)).ToList(),
            ProductRules.CapabilitiesOf(actor, product.Steps.Count));
    }

    public async Task<Result<Guid>> CreateAsync(string actorId, ProductInput input, CancellationToken ct = default)
    {
        var actor = await EditorAsync(actorId, ct);
        if (actor is null)
        {
            return Result<Guid>.From(NotAllowed);
        }
        var invalid = InputValidation.Validate(input);
        if (!invalid.Succeeded)
        {
            return Result<Guid>.From(invalid);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var product = new Product { CompanyId = actor.CompanyId, Name = input.Name.Trim(), Description = Blank(input.Description), CreatedAt = now, UpdatedAt = now };
        db.Products.Add(product);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Product {ProductId} created by {ActorId}", product.Id, actorId);
        return Result<Guid>.Success(product.Id);
    }

    /// <summary>Saves the draft: name, description and the whole ordered template at once.</summary>
    public async Task<Result> SaveDraftAsync(string actorId, Guid productId, ProductInput input, IReadOnlyList<StepInput> steps, CancellationToken ct = default)
    {
        var actor = await EditorAsync(actorId, ct);
        if (actor is null)
        {
            return NotAllowed;
        }
        var product = await db.Products.Include(p => p.Steps).SingleOrDefaultAsync(p => p.Id == productId && p.CompanyId == actor.CompanyId, ct);
        if (product is null)
        {
            return Result.Fail(Messages.Say("This product no longer exists."));
        }
        var invalid = InputValidation.Validate(input);
        if (!invalid.Succeeded)
        {
            return invalid;
        }
        for (var i = 0; i < steps.Count; i++)
        {
            var stepInvalid = InputValidation.Validate(steps[i]);
            if (!stepInvalid.Succeeded)
            {
                return Result.Invalid($"Steps[{i}]", Messages.Say("Step {0}: {1}", i + 1, stepInvalid.FieldErrors.Values.First()));
            }
        }
        var departments = steps.Where(s => s.DepartmentId is not null).Select(s => s.DepartmentId!.Value).Distinct().ToList();
        if (departments.Count > 0 && await db.Departments.CountAsync(d => departments.Contains(d.Id) && d.CompanyId == actor.CompanyId, ct) != departments.Count)
        {
            return Result.Fail(Messages.Say("A step names a department that does not exist."));
        }
        product.Name = input.Name.Trim();
        product.Description = Blank(input.Description);
        // Ids are made client-side, so new steps are added explicitly: through the navigation EF would take them for existing rows.
        db.ProductSteps.RemoveRange(product.Steps);
        db.ProductSteps.AddRange(steps.Select((s, i) => new ProductStep
        {
            ProductId = product.Id, Order = i + 1, Name = s.Name.Trim(), DepartmentId = s.DepartmentId, BasicReward = s.BasicReward,
        }));
        product.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        product.HasUnpublishedChanges = true;
        await db.SaveChangesAsync(ct);
        return Result.Ok;
    }

    /// <summary>Freezes the template as version N+1. Refused, with the reasons, when the draft is not publishable.</summary>
    public async Task<Result<int>> PublishAsync(string actorId, Guid productId, CancellationToken ct = default)
    {
        var actor = await EditorAsync(actorId, ct);
        if (actor is null)
        {
            return Result<int>.From(NotAllowed);
        }
        var product = await db.Products.Include(p => p.Steps).SingleOrDefaultAsync(p => p.Id == productId && p.CompanyId == actor.CompanyId, ct);
        if (product is null)
        {
            return Result<int>.From(Result.Fail(Messages.Say("This product no longer exists.")));
        }
        var blockers = ProductRules.PublishBlockers(product);
        if (blockers.Count > 0)
        {
            return Result<int>.From(Result.Fail(Messages.Say("This product cannot be published yet: {0}", string.Join(" ", blockers))));
        }
        var steps = product.Steps.OrderBy(s => s.Order).Select(s => new StepInput { Name = s.Name, DepartmentId = s.DepartmentId, BasicReward = s.BasicReward }).ToList();
        product.LatestVersion++;
        product.HasUnpublishedChanges = false;
        db.ProductVersions.Add(new ProductVersion
        {
            ProductId = product.Id, Number = product.LatestVersion, PublishedAt = clock.GetUtcNow().UtcDateTime, PublishedBy = actor.Name,
            Name = product.Name, StepsJson = JsonSerializer.Serialize(steps),
        });
        AuditLog.Record(db, clock.GetUtcNow().UtcDateTime, actor, product.Id.ToString(), product.Name, AuditAction.ProductVersionPublished,
            $"Version {product.LatestVersion} · {steps.Count} step{(steps.Count == 1 ? "" : "s")}",
            before: product.LatestVersion > 1 ? $"Version {product.LatestVersion - 1}" : "Draft", after: $"Version {product.LatestVersion}");
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Product {ProductId} version {Version} published by {ActorId}", product.Id, product.LatestVersion, actorId);
        return Result<int>.Success(product.LatestVersion);
    }

    private async Task<Actor?> EditorAsync(string actorId, CancellationToken ct)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        return actor is not null && actor.Has(PermissionKey.ProductsEdit) ? actor : null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
