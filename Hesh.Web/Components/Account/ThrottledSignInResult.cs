using Hesh.Core.SignIns;
using Microsoft.AspNetCore.Identity;

namespace Hesh.Web.Components.Account;

/// <summary>
/// Refused by <see cref="SignInThrottle"/>: too many failures for this account from this address. Neither a lockout (the
/// account signs in from elsewhere) nor a wrong password (none was checked), so pages say <see cref="Message"/>.
/// </summary>
public sealed class ThrottledSignInResult : SignInResult
{
    public ThrottledSignInResult(TimeSpan retryAfter) => RetryAfter = retryAfter;

    public TimeSpan RetryAfter { get; }

    public string Message => SignInThrottle.Describe(RetryAfter);

    public override string ToString() => "Throttled";
}
