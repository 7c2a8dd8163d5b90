namespace Hesh.Core.Positions;

/// <summary>A department of the company; departments form a tree through <see cref="ParentId"/>.</summary>
public sealed class Department
{
    public const int NameMaxLength = 80;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CompanyId { get; init; }
    public required string Name { get; set; }
    public Guid? ParentId { get; set; }
}

/// <summary>A job title in the company.</summary>
public sealed class Position
{
    public const int NameMaxLength = 80;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CompanyId { get; init; }
    public required string Name { get; set; }
}
