using Hesh.Core.Permissions;
using Hesh.Core.Productions;
using System.ComponentModel.DataAnnotations;

namespace Hesh.Core.Products;

/// <summary>A product: a draft with a task template; "Publish version" freezes the template as version N.</summary>
public sealed class Product
{
    public const int NameMaxLength = 120;
    public const int DescriptionMaxLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CompanyId { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>0 while never published.</summary>
    public int LatestVersion { get; set; }
    /// <summary>True when the draft differs from the latest published version.</summary>
    public bool HasUnpublishedChanges { get; set; } = true;
    public List<ProductStep> Steps { get; init; } = [];
}

/// <summary>One ordered step of the task template: becomes one task of each production.</summary>
public sealed class ProductStep
{
    public const int NameMaxLength = 255;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ProductId { get; init; }
    public int Order { get; set; }
    public required string Name { get; set; }
    public Guid? DepartmentId { get; set; }
    public decimal BasicReward { get; set; }
}

/// <summary>A published, frozen copy of the template; productions launch from one and never see later versions.</summary>
public sealed class ProductVersion
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ProductId { get; init; }
    public int Number { get; init; }
    public DateTime PublishedAt { get; init; }
    public string PublishedBy { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>The steps as JSON (name, department, reward), copied, not referenced.</summary>
    public string StepsJson { get; init; } = "[]";
}

public sealed class ProductInput
{
    [Required(ErrorMessageResourceType = typeof(Messages), ErrorMessageResourceName = nameof(Messages.NameRequired))]
    [StringLength(Product.NameMaxLength, ErrorMessageResourceType = typeof(Messages), ErrorMessageResourceName = nameof(Messages.NameTooLong))]
    [RegularExpression(@"^[^<>]*$", ErrorMessageResourceType = typeof(Messages), ErrorMessageResourceName = nameof(Messages.NameAngleBrackets))]
    public string Name { get; set; } = "";

    [StringLength(Product.DescriptionMaxLength, ErrorMessageResourceType = typeof(Messages), ErrorMessageResourceName = nameof(Messages.DescriptionTooLong))]
    public string? Description { get; set; }
}

public sealed class StepInput
{
    [Required(ErrorMessageResourceType = typeof(Messages), ErrorMessageResourceName = nameof(Messages.StepNameRequired))]
    [StringLength(ProductStep.NameMaxLength, ErrorMessageResourceType = typeof(Messages), ErrorMessageResourceName = nameof(Messages.StepNameTooLong))]
    [RegularExpression(@"^[^<>]*$", ErrorMessageResourceType = typeof(Messages), ErrorMessageResourceName = nameof(Messages.StepNameAngleBrackets))]
    public string Name { get; set; } = "";

    public Guid? DepartmentId { get; set; }

    [Range(0, 1_000_000, ErrorMessageResourceType = typeof(Messages), ErrorMessageResourceName = nameof(Messages.RewardOutOfRange))]
    public decimal BasicReward { get; set; }
}

public sealed record ProductRow(Guid Id, string Name, string? Description, int StepCount, int LatestVersion, bool HasUnpublishedChanges, DateTime UpdatedAt)
{
    /// <summary>What the actor who asked may do with this product now.</summary>
    public ProductCapabilities Can { get; init; } = ProductCapabilities.None;
}

/// <summary>The product catalog, with whether the actor may create a product.</summary>
public sealed record ProductList(IReadOnlyList<ProductRow> Rows, Permit Create);

/// <summary>
/// What the actor may do with one product now: edit its draft, publish it as it is stored. <see cref="PublishWith"/>
/// answers for the draft on screen, whose steps may differ from the stored ones until it is saved.
/// </summary>
public sealed record ProductCapabilities(Permit Edit, Permit Publish)
{
    public static ProductCapabilities None => new(Permit.No(Messages.Say("Reload the page.")), Permit.No(Messages.Say("Reload the page.")));

    public Permit PublishWith(int steps) => Edit.Then(() => ProductRules.Publishable(steps));
}

public sealed record StepView(Guid Id, int Order, string Name, Guid? DepartmentId, decimal BasicReward);

public sealed record ProductDetails(Guid Id, string Name, string? Description, int LatestVersion, bool HasUnpublishedChanges,
    IReadOnlyList<StepView> Steps, IReadOnlyList<VersionView> Versions, ProductCapabilities Can);

public sealed record VersionView(int Number, DateTime PublishedAt, string PublishedBy, int StepCount);

/// <summary>What makes a draft publishable.</summary>
public static class ProductRules
{
    public static string NeedsEdit => Messages.Say("You can view products, but you need \"Products edit\" to change them.");

    public static string AddAStep => Messages.Say("Add a step before publishing: each step becomes a task of every production.");

    public static IReadOnlyList<string> PublishBlockers(Product product) => PublishBlockers(product.Steps.Count);

    public static IReadOnlyList<string> PublishBlockers(int steps) => steps == 0 ? [AddAStep] : [];

    public static Permit Publishable(int steps) => PublishBlockers(steps) is [var first, ..] ? Permit.No(first) : Permit.Yes;

    public static Permit EditFor(Actor actor) => actor.Has(PermissionKey.ProductsEdit) ? Permit.Yes : Permit.No(NeedsEdit);

    public static ProductCapabilities CapabilitiesOf(Actor actor, int steps)
    {
        var edit = EditFor(actor);
        return new ProductCapabilities(edit, edit.Then(() => Publishable(steps)));
    }
}
