namespace Hesh.Core.SignIns;

/// <summary>How the Security tab and emails say outcomes and methods.</summary>
public static class SignInWords
{
    public static string Outcome(SignInOutcome outcome) => outcome switch
    {
        SignInOutcome.Succeeded => "Signed in",
        SignInOutcome.WrongPassword => "Wrong password",
        SignInOutcome.WrongCode => "Wrong code",
        SignInOutcome.LockedOut => "Locked out",
        SignInOutcome.Throttled => "Too many attempts from this address",
        SignInOutcome.NotActivated => "Not activated yet",
        SignInOutcome.Inactive => "Inactive",
        SignInOutcome.SecondFactorAsked => "Password right, code asked",
        _ => outcome.ToString(),
    };

    public static string Method(SignInMethod method) => method switch
    {
        SignInMethod.Password => "Password",
        SignInMethod.Authenticator => "Authenticator app",
        SignInMethod.RecoveryCode => "Recovery code",
        SignInMethod.Passkey => "Passkey",
        _ => method.ToString(),
    };
}
