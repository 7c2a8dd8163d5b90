using System.Globalization;
using Hesh.Core.Email;

namespace Hesh.Core.TwoFactor;

/// <summary>The messages of two-factor sign-in, in the recipient's language; worded with the other emails in <see cref="EmailTemplates"/>.</summary>
public static class TwoFactorEmails
{
    public static MailMessage Required(string to, string firstName, string companyName, string whom, int graceDays, string link, CultureInfo? culture = null) =>
        EmailTemplates.TwoFactorRequired(to, firstName, companyName, whom, graceDays, link, culture);

    public static MailMessage ResetByAdmin(string to, string firstName, string adminName, DateTime at, string link, CultureInfo? culture = null) =>
        EmailTemplates.TwoFactorResetByAdmin(to, firstName, adminName, at, link, culture);
}
