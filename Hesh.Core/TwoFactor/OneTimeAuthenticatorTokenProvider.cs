using System.Globalization;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace Hesh.Core.TwoFactor;

/// <summary>
/// Identity's authenticator provider (TOTP, RFC 6238), with one thing added: a code that signed someone in once is
/// refused for as long as it could still be valid (Identity accepts each code for about two minutes, and a code seen
/// over a shoulder or phished could otherwise be replayed at once).
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider : AuthenticatorTokenProvider<HeshUser>
{
    public const string Store = "[Hesh]";
    public const string LastCode = "LastAuthenticatorCode";

    /// <summary>Longer than Identity's window of ±2 time steps of 30 s.</summary>
    private static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(3);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<HeshUser> manager, HeshUser user)
    {
        if (!await base.ValidateAsync(purpose, token, manager, user))
        {
            return false;
        }
        var now = DateTimeOffset.UtcNow;
        if (await manager.GetAuthenticationTokenAsync(user, Store, LastCode) is { } last
            && last.Split('@') is [var code, var at] && code == token
            && long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && now - DateTimeOffset.FromUnixTimeSeconds(seconds) < ReplayWindow)
        {
            return false;
        }
        await manager.SetAuthenticationTokenAsync(user, Store, LastCode, $"{token}@{now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");
        return true;
    }
}
