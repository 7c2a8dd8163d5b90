using System.Security.Cryptography;

namespace Hesh.Tests.Infrastructure;

/// <summary>What an authenticator app computes from the key Hesh shows (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits).</summary>
public static class Totp
{
    public static string Code(string key, DateTimeOffset? at = null, int stepOffset = 0)
    {
        var secret = Base32(key.Replace(" ", "").ToUpperInvariant());
        var step = (long)Math.Floor((at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30.0) + stepOffset;
        var counter = BitConverter.GetBytes(System.Net.IPAddress.HostToNetworkOrder(step));
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
