using Hesh.Core.TwoFactor;

namespace Hesh.Core.Companies;

/// <summary>A tenant. Every row of data belongs to exactly one company.</summary>
public sealed class Company
{
    public const int NameMaxLength = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public DateTime CreatedAt { get; init; }
    /// <summary>ISO 4217 code of the currency rewards and prices are shown in.</summary>
    public string Currency { get; set; } = "USD";
    /// <summary>Prefix of production and task keys, e.g. "DW" gives DW-12.</summary>
    public string KeyAbbreviation { get; set; } = "HS";
    public byte[]? Logo { get; set; }
    public string? LogoContentType { get; set; }
    /// <summary>Who must sign in with a second factor.</summary>
    public TwoFactorPolicy TwoFactorPolicy { get; set; } = TwoFactorPolicy.Optional;
    /// <summary>When the current requirement began; its grace period is counted from here.</summary>
    public DateTime? TwoFactorRequiredSince { get; set; }
    public int TwoFactorGraceDays { get; set; } = 7;
    /// <summary>Whether a new access request is also emailed to those who may answer it (the bell and the Overview always show it).</summary>
    public bool EmailAccessRequests { get; set; }
    /// <summary>The language of people who chose none; null follows each browser.</summary>
    public string? DefaultLanguage { get; set; }
    /// <summary>The IANA zone every time is shown in, unless a person chose their own; day-offs are entered in it.</summary>
    public string TimeZone { get; set; } = Hesh.Core.Preferences.TimeZones.Utc;
}
