using System.Security.Cryptography;
using System.Text;

namespace Hesh.Core.Users;

/// <summary>
/// Invitation links: a random token of which only the hash is stored, valid for 24 hours and usable until a
/// password is set. An admin setting the password, or inactivating the user, clears the hash and kills the link.
/// </summary>
public static class Invitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static string Issue(HeshUser user, DateTime now)
    {
        var token = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        user.InvitationTokenHash = Hash(token);
        user.InvitationExpiresAt = now + Lifetime;
        return token;
    }

    public static void Revoke(HeshUser user)
    {
        user.InvitationTokenHash = null;
        user.InvitationExpiresAt = null;
    }

    public static InvitationState Check(HeshUser user, string? token, DateTime now)
    {
        if (user.Status != UserStatus.Pending || user.PasswordHash is not null || user.InvitationTokenHash is null
            || string.IsNullOrEmpty(token))
        {
            return InvitationState.Used;
        }
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(user.InvitationTokenHash)))
        {
            return InvitationState.Invalid;
        }
        return now < user.InvitationExpiresAt ? InvitationState.Valid : InvitationState.Expired;
    }

    public static string Describe(InvitationState state) => state switch
    {
        InvitationState.Valid => "",
        InvitationState.Expired => Messages.Say("This invitation has expired. Ask your administrator to send a new one."),
        InvitationState.Used => Messages.Say("This invitation is no longer valid: a password has already been set or the account was deactivated. Sign in, or ask your administrator."),
        _ => Messages.Say("This invitation link is not valid. Check that you opened the whole link from the latest email."),
    };

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public enum InvitationState
{
    Valid,
    Expired,
    Used,
    Invalid,
}
