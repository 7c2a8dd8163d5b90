namespace Hesh.Web.Infrastructure;

/// <summary>Hesh:RateLimits — posts per client address and window, per bucket.</summary>
public sealed class RateLimits
{
    public bool Enabled { get; set; } = true;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    public int SignIn { get; set; } = 10;
    public int Recovery { get; set; } = 5;
    public int Invitation { get; set; } = 10;

    public const string RejectionPage = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Too many attempts · Hesh</title></head>
        <body style="font-family:Roboto,Arial,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">
        <h1>Too many attempts</h1><p>Too many attempts came from your network. Wait a minute, then try again.</p>
        <p><a href="/Account/Login">Back to sign-in</a></p></body></html>
        """;

    public static string? BucketOf(PathString path) =>
        path.StartsWithSegments("/Account/Login", StringComparison.OrdinalIgnoreCase)
          || path.StartsWithSegments("/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase)
          || path.StartsWithSegments("/Account/LoginWithRecoveryCode", StringComparison.OrdinalIgnoreCase)
          || path.StartsWithSegments("/Account/TwoFactor", StringComparison.OrdinalIgnoreCase)
          || path.StartsWithSegments("/Account/ChangePassword", StringComparison.OrdinalIgnoreCase)
          || path.StartsWithSegments("/Account/AddPasskey", StringComparison.OrdinalIgnoreCase) ? "sign-in"
        : path.StartsWithSegments("/Account/ForgotPassword", StringComparison.OrdinalIgnoreCase)
          || path.StartsWithSegments("/Account/ResetPassword", StringComparison.OrdinalIgnoreCase) ? "recovery"
        : path.StartsWithSegments("/Account/Invitation", StringComparison.OrdinalIgnoreCase)
          || path.StartsWithSegments("/Account/SignUp", StringComparison.OrdinalIgnoreCase) ? "invitation"
        : null;

    public int PermitFor(string bucket) => bucket switch
    {
        "sign-in" => SignIn,
        "recovery" => Recovery,
        _ => Invitation,
    };
}
