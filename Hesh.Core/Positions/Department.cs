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

/// <summary>A job title in the company, optionally with the permissions that go with it (its template).</summary>
public sealed class Position
{
    public const int NameMaxLength = 80;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CompanyId { get; init; }
    public required string Name { get; set; }
    public Hesh.Core.Permissions.AccessSet? WebTemplate { get; set; }
    public Hesh.Core.Permissions.AccessSet? MobileTemplate { get; set; }

    public Hesh.Core.Permissions.AccessPair? Template
    {
        get => WebTemplate is null || MobileTemplate is null ? null : new(WebTemplate, MobileTemplate);
        set
        {
            WebTemplate = value?.Web;
            MobileTemplate = value?.Mobile;
        }
    }
}
