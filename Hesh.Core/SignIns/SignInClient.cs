using System.Security.Cryptography;
using System.Text;

namespace Hesh.Core.SignIns;

/// <summary>
/// Where a sign-in attempt comes from: the client address, its User-Agent, and the hash of its browser id cookie
/// (only the hash is ever stored, so a leaked table names no cookie).
/// </summary>
public sealed record SignInClient(string? IpAddress, string? UserAgent, string? BrowserId)
{
    public static SignInClient Unknown { get; } = new(null, null, null);

    public static string HashBrowserId(string browserId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(browserId)));
}

/// <summary>
/// The client of the current request, for checks made inside a service rather than at sign-in (a password re-entered to
/// change it or to transfer ownership). The web host reads it from the request; elsewhere it is unknown.
/// </summary>
public interface ICurrentClient
{
    SignInClient Get();
}

internal sealed class UnknownClient : ICurrentClient
{
    public SignInClient Get() => SignInClient.Unknown;
}
