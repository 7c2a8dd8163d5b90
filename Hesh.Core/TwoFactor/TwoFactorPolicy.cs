namespace Hesh.Core.TwoFactor;

/// <summary>Whom a company requires to sign in with a second factor (an authenticator app or a passkey).</summary>
public enum TwoFactorPolicy
{
    Optional,
    RequiredForAdministrators,
    RequiredForEveryone,
}
