namespace Hesh.Core.Companies;

/// <summary>A tenant. Every row of data belongs to exactly one company.</summary>
public sealed class Company
{
    public const int NameMaxLength = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public DateTime CreatedAt { get; init; }
}
