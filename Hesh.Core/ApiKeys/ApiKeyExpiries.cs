namespace Hesh.Core.ApiKeys;

/// <summary>One choice of "Expires" when a key is created.</summary>
public sealed record ApiKeyExpiryChoice(string Value, string Label, int? Days);

/// <summary>
/// The expiries a new key is offered, and the default — a key that lives a quarter unless its creator chooses otherwise, so
/// a forgotten integration stops by itself. A date is the end of that day, UTC.
/// </summary>
public static class ApiKeyExpiries
{
    public const string Never = "never";
    public const string OnDate = "date";

    public static IReadOnlyList<ApiKeyExpiryChoice> Choices =>
    [
        new(Never, Messages.Say("Never (until revoked)"), null),
        new("30", Messages.Say("In {0} days", 30), 30),
        new("90", Messages.Say("In {0} days", 90), 90),
        new("365", Messages.Say("In 1 year"), 365),
        new(OnDate, Messages.Say("On a date…"), null),
    ];

    public static string Default => "90";

    /// <summary>When a key made with <paramref name="choice"/> expires; null for never. A date choice without a date is an error.</summary>
    /// <param name="zone">The clock the date was chosen on: the key lasts to the end of that day there (UTC when null).</param>
    public static Result<DateTime?> EndOf(string choice, DateTime? date, DateTime now, TimeZoneInfo? zone = null)
    {
        if (choice == OnDate)
        {
            return date is { } d
                ? Result<DateTime?>.Success(Preferences.ZonedTime.ToUtc(d.Date.AddDays(1), zone ?? TimeZoneInfo.Utc).Utc.AddTicks(-1))
                : Result<DateTime?>.From(Result.Invalid(nameof(CreateApiKeyInput.ExpiresAt), Messages.Say("Choose the expiry date.")));
        }
        var found = Choices.FirstOrDefault(c => c.Value == choice);
        return found is null ? Result<DateTime?>.From(Result.Invalid(nameof(CreateApiKeyInput.ExpiresAt), Messages.Say("Choose when the key expires.")))
            : Result<DateTime?>.Success(found.Days is { } days ? now.AddDays(days) : null);
    }
}
