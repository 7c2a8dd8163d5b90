namespace Hesh.Core.SignIns;

/// <summary>How the Security tab and emails say outcomes and methods.</summary>
public static class SignInWords
{
    public static string Outcome(SignInOutcome outcome) => outcome switch
    {
        SignInOutcome.Succeeded => Messages.Say("Signed in"),
        SignInOutcome.WrongPassword => Messages.Say("Wrong password"),
        SignInOutcome.WrongCode => Messages.Say("Wrong code"),
        SignInOutcome.LockedOut => Messages.Say("Locked out"),
        SignInOutcome.Throttled => Messages.Say("Too many attempts from this address"),
        SignInOutcome.NotActivated => Messages.Say("Not activated yet"),
        SignInOutcome.Inactive => Messages.Say("Inactive"),
        SignInOutcome.SecondFactorAsked => Messages.Say("Password right, code asked"),
        _ => outcome.ToString(),
    };

    public static string Method(SignInMethod method) => method switch
    {
        SignInMethod.Password => Messages.Say("Password"),
        SignInMethod.Authenticator => Messages.Say("Authenticator app"),
        SignInMethod.RecoveryCode => Messages.Say("Recovery code"),
        SignInMethod.Passkey => Messages.Say("Passkey"),
        _ => method.ToString(),
    };
}
