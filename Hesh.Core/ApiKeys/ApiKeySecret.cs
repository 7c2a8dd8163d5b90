using System.Security.Cryptography;
using System.Text;

namespace Hesh.Core.ApiKeys;

/// <summary>
/// The secret of a key: "hesh_" and 40 base62 characters from the system's cryptographic generator (about 238 bits).
/// Only its SHA-256 is stored; its first <see cref="ApiKey.PrefixLength"/> characters find the row. A plain hash is
/// enough here — unlike a password, the secret is random and long, so there is nothing to guess from the hash.
/// </summary>
public static class ApiKeySecret
{
    public const string Marker = "hesh_";
    public const int RandomLength = 40;
    public const int Length = 45;
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New() => Marker + RandomNumberGenerator.GetString(Base62, RandomLength);

    public static string PrefixOf(string secret) => secret[..ApiKey.PrefixLength];

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Shaped like a secret Hesh issues; anything else is refused before the store is asked.</summary>
    public static bool LooksValid(string? secret) =>
        secret is { Length: Length } && secret.StartsWith(Marker, StringComparison.Ordinal) && secret.AsSpan(Marker.Length).IndexOfAnyExcept(Base62) < 0;

    /// <summary>Constant-time, so the time of a refusal tells nothing about how much of the hash matched.</summary>
    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(secret)), Encoding.ASCII.GetBytes(storedHash));
}
