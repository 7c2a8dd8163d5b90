using Hesh.Core.Email;

namespace Hesh.Core.TwoFactor;

/// <summary>The messages of two-factor sign-in, in the shape of <see cref="EmailTemplates"/>.</summary>
public static class TwoFactorEmails
{
    public static MailMessage Required(string to, string firstName, string companyName, string whom, int graceDays, string link) => EmailTemplates.Compose(
        to,
        $"{companyName} now requires two-factor sign-in",
        $"Hello {firstName},",
        $"{companyName} now requires two-factor sign-in for {whom}. Set up an authenticator app or a passkey on your Security tab within {Days(graceDays)}; " +
        "after that you can sign in only to set it up.",
        "Set up two-factor sign-in",
        link);

    public static MailMessage ResetByAdmin(string to, string firstName, string adminName, DateTime at, string link) => EmailTemplates.Compose(
        to,
        "Your Hesh two-factor sign-in was reset",
        $"Hello {firstName},",
        $"On {at:yyyy-MM-dd HH:mm} UTC {adminName} reset your two-factor sign-in: your authenticator app, recovery codes and passkeys no longer work. " +
        "Sign in with your password and set up two-factor sign-in again. If you did not ask for this, contact your administrator at once.",
        "Sign in",
        link);

    private static string Days(int days) => days == 1 ? "1 day" : $"{days} days";
}
