using System.Security.Cryptography;
using System.Text.Json;
using Hesh.Core.Companies;
using Microsoft.AspNetCore.DataProtection;

namespace Hesh.Web.Infrastructure;

/// <summary>
/// Sign-up drafts sealed with the data-protection keys every node shares (in the database): encrypted, so the link
/// does not show the password hash it carries, and authenticated, so it cannot be altered or forged.
/// </summary>
internal sealed class SignUpSeal(IDataProtectionProvider provider) : ISignUpSeal
{
    public const string Purpose = "Hesh.SignUp.v1";

    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public string Seal(SignUpDraft draft) => _protector.Protect(JsonSerializer.Serialize(draft), SignUpRequests.LinkLifetime);

    public SignUpDraft? Open(string token)
    {
        try
        {
            return JsonSerializer.Deserialize<SignUpDraft>(_protector.Unprotect(token));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }
}
