namespace Hesh.Core.ApiKeys;

/// <summary>What a key may do; a key never reaches beyond the users API, whatever its scopes.</summary>
[Flags]
public enum ApiScopes
{
    None = 0,
    UsersRead = 1,
    UsersWrite = 2,
}

/// <summary>
/// A company's key for Hesh's Public API. Only a hash of the secret is kept: the secret is shown once, at creation.
/// <see cref="Prefix"/> (the secret's first characters) tells keys apart in the list and finds the row to compare.
/// </summary>
public sealed class ApiKey
{
    public const int NameMaxLength = 80;
    public const int PrefixLength = 12;

    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public string Name { get; set; } = "";
    public ApiScopes Scopes { get; set; }
    public string Prefix { get; init; } = "";
    /// <summary>SHA-256 of the whole secret, hex.</summary>
    public string SecretHash { get; init; } = "";
    public string CreatedById { get; init; } = "";
    public string CreatedByName { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedByName { get; set; }
}
