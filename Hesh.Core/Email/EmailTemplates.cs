using System.Globalization;
using System.Net;
using Hesh.Core.Common.Localization;

namespace Hesh.Core.Email;

/// <summary>
/// The messages Hesh sends, in the recipient's language (<paramref name="culture"/> on each: see
/// <see cref="EmailLanguage"/>; null writes in the current UI culture). Every value from a user is HTML-encoded.
/// </summary>
public static class EmailTemplates
{
    /// <summary>The emails' sentences, English as the key (Hesh.Core/Resources/Email/Messages.resx and .uk.resx).</summary>
    private static class Messages
    {
        public static string Say(string english, params object?[] args) => FeatureTexts.Of("Email").Say(english, args);
    }

    public static MailMessage Invitation(string to, string firstName, string companyName, string link, CultureInfo? culture = null) => Write(culture, () => Compose(
        to,
        Messages.Say("You are invited to {0} on Hesh", companyName),
        Hello(firstName),
        Messages.Say("{0} has invited you to Hesh. Set your password to activate your account. The link is valid for 24 hours.", companyName),
        Messages.Say("Set your password"),
        link));

    public static MailMessage PasswordReset(string to, string firstName, string link, CultureInfo? culture = null) => Write(culture, () => Compose(
        to,
        Messages.Say("Reset your Hesh password"),
        Hello(firstName),
        Messages.Say("We received a request to reset your Hesh password. If it was not you, ignore this email."),
        Messages.Say("Reset password"),
        link));

    public static MailMessage OwnershipGiven(string to, string firstName, string companyName, string newOwner, DateTime at, string link, CultureInfo? culture = null) => Write(culture, () => Compose(
        to,
        Messages.Say("You transferred ownership of {0}", companyName),
        Hello(firstName),
        Messages.Say("On {0} UTC you transferred ownership of {1} on Hesh to {2}. You remain an administrator. If this was not you, contact {2} and change your password at once.",
            Stamp(at), companyName, newOwner),
        Messages.Say("Open Hesh"),
        link));

    public static MailMessage OwnershipReceived(string to, string firstName, string companyName, string formerOwner, DateTime at, string link, CultureInfo? culture = null) => Write(culture, () => Compose(
        to,
        Messages.Say("You are now the owner of {0}", companyName),
        Hello(firstName),
        Messages.Say("On {0} UTC {1} transferred ownership of {2} on Hesh to you. As the owner you hold every permission and alone can transfer ownership again.",
            Stamp(at), formerOwner, companyName),
        Messages.Say("Open Hesh"),
        link));

    /// <summary>A sign-in from a browser the account never used: enough to recognise it, and what to do if it was not them.</summary>
    public static MailMessage NewSignIn(string to, string firstName, DateTime at, string device, string? ipAddress, string link, CultureInfo? culture = null) => Write(culture, () => Compose(
        to,
        Messages.Say("New sign-in to Hesh"),
        Hello(firstName),
        Messages.Say("Your Hesh account was signed in to on {0} UTC from a browser it had not used before: {1}, IP address {2}. If this was you, there is nothing to do. If this wasn't you, change your password and sign out other sessions on your Security tab.",
            Stamp(at), device, ipAddress ?? Messages.Say("unknown")),
        Messages.Say("Review your sessions"),
        link));

    /// <summary>To each person who may answer a new access request, when the company has switched these emails on.</summary>
    public static MailMessage AccessRequested(string to, string firstName, string companyName, string requester, string what, string wished,
        string? reason, string link, CultureInfo? culture = null) => Write(culture, () => Compose(
        to,
        Messages.Say("{0} requests {1} in {2}", requester, what, companyName),
        Hello(firstName),
        reason is null
            ? Messages.Say("{0} asks for {1} ({2}). You can approve or decline it on the Overview of {3} on Hesh; it waits 7 days for an answer.", requester, what, wished, companyName)
            : Messages.Say("{0} asks for {1} ({2}): \"{3}\" You can approve or decline it on the Overview of {4} on Hesh; it waits 7 days for an answer.", requester, what, wished, reason, companyName),
        Messages.Say("Open the Overview"),
        link));

    public static MailMessage SignUpConfirmation(string to, string firstName, string companyName, string link, CultureInfo? culture = null) => Write(culture, () => Compose(
        to,
        Messages.Say("Confirm your email to create {0} on Hesh", companyName),
        Hello(firstName),
        Messages.Say("Open this link to create {0} on Hesh; you will be its owner. The link is valid for 24 hours. If it was not you, ignore this email: nothing has been created.", companyName),
        Messages.Say("Create my company"),
        link));

    /// <summary>Sent instead of a sign-up link when the email already has an account, so the page need not say so.</summary>
    public static MailMessage SignUpWithExistingEmail(string to, string firstName, string signInLink, CultureInfo? culture = null) => Write(culture, () => Compose(
        to,
        Messages.Say("Someone tried to create a Hesh company with your email"),
        Hello(firstName),
        Messages.Say("Someone tried to create a Hesh company with your email. If it was you, sign in or reset your password (\"Forgot your password?\" on the sign-in page). If it was not, ignore this email: nothing was created and your account is unchanged."),
        Messages.Say("Sign in"),
        signInLink));

    /// <summary>The company now requires two-factor sign-in of <paramref name="whom"/> ("everyone" or "administrators").</summary>
    public static MailMessage TwoFactorRequired(string to, string firstName, string companyName, string whom, int graceDays, string link, CultureInfo? culture = null) => Write(culture, () => Compose(
        to,
        Messages.Say("{0} now requires two-factor sign-in", companyName),
        Hello(firstName),
        Messages.Say("{0} now requires two-factor sign-in for {1}. Set up an authenticator app or a passkey on your Security tab within {2}; after that you can sign in only to set it up.",
            companyName, whom == "everyone" ? Messages.Say("everyone") : whom == "administrators" ? Messages.Say("administrators") : whom, EmailWords.Days(graceDays)),
        Messages.Say("Set up two-factor sign-in"),
        link));

    public static MailMessage TwoFactorResetByAdmin(string to, string firstName, string adminName, DateTime at, string link, CultureInfo? culture = null) => Write(culture, () => Compose(
        to,
        Messages.Say("Your Hesh two-factor sign-in was reset"),
        Hello(firstName),
        Messages.Say("On {0} UTC {1} reset your two-factor sign-in: your authenticator app, recovery codes and passkeys no longer work. Sign in with your password and set up two-factor sign-in again. If you did not ask for this, contact your administrator at once.",
            Stamp(at), adminName),
        Messages.Say("Sign in"),
        link));

    private static string Hello(string firstName) => Messages.Say("Hello {0},", firstName);

    /// <summary>The moment, as the emails have always written it: a date-time every language reads, in UTC.</summary>
    private static string Stamp(DateTime at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static MailMessage Write(CultureInfo? culture, Func<MailMessage> compose)
    {
        using var scope = new CultureScope(culture);
        return compose();
    }

    internal static MailMessage Compose(string to, string subject, string greeting, string body, string action, string link)
    {
        var e = (string s) => WebUtility.HtmlEncode(s);
        var orOpen = e(Messages.Say("Or open this link: {0}", link));
        var html = $"""
            <div style="font-family:Roboto,Arial,sans-serif;max-width:560px">
              <h2 style="color:#3949ab">Hesh</h2>
              <p>{e(greeting)}</p>
              <p>{e(body)}</p>
              <p><a href="{e(link)}" style="background:#3949ab;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">{e(action)}</a></p>
              <p style="color:#666;font-size:12px">{orOpen}</p>
            </div>
            """;
        var text = $"{greeting}\n\n{body}\n\n{action}: {link}\n";
        return new MailMessage(to, subject, html, text);
    }
}
