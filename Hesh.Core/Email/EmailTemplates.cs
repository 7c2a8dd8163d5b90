using System.Net;

namespace Hesh.Core.Email;

/// <summary>The messages Hesh sends. Every value from a user is HTML-encoded.</summary>
public static class EmailTemplates
{
    public static MailMessage Invitation(string to, string firstName, string companyName, string link) => Compose(
        to,
        $"You are invited to {companyName} on Hesh",
        $"Hello {firstName},",
        $"{companyName} has invited you to Hesh. Set your password to activate your account. The link is valid for 24 hours.",
        "Set your password",
        link);

    public static MailMessage PasswordReset(string to, string firstName, string link) => Compose(
        to,
        "Reset your Hesh password",
        $"Hello {firstName},",
        "We received a request to reset your Hesh password. If it was not you, ignore this email.",
        "Reset password",
        link);

    public static MailMessage OwnershipGiven(string to, string firstName, string companyName, string newOwner, DateTime at, string link) => Compose(
        to,
        $"You transferred ownership of {companyName}",
        $"Hello {firstName},",
        $"On {at:yyyy-MM-dd HH:mm} UTC you transferred ownership of {companyName} on Hesh to {newOwner}. You remain an administrator. If this was not you, contact {newOwner} and change your password at once.",
        "Open Hesh",
        link);

    public static MailMessage OwnershipReceived(string to, string firstName, string companyName, string formerOwner, DateTime at, string link) => Compose(
        to,
        $"You are now the owner of {companyName}",
        $"Hello {firstName},",
        $"On {at:yyyy-MM-dd HH:mm} UTC {formerOwner} transferred ownership of {companyName} on Hesh to you. As the owner you hold every permission and alone can transfer ownership again.",
        "Open Hesh",
        link);

    /// <summary>A sign-in from a browser the account never used: enough to recognise it, and what to do if it was not them.</summary>
    public static MailMessage NewSignIn(string to, string firstName, DateTime at, string device, string? ipAddress, string link) => Compose(
        to,
        "New sign-in to Hesh",
        $"Hello {firstName},",
        $"Your Hesh account was signed in to on {at:yyyy-MM-dd HH:mm} UTC from a browser it had not used before: {device}, IP address {ipAddress ?? "unknown"}. " +
        "If this was you, there is nothing to do. If this wasn't you, change your password and sign out other sessions on your Security tab.",
        "Review your sessions",
        link);

    /// <summary>To each person who may answer a new access request, when the company has switched these emails on.</summary>
    public static MailMessage AccessRequested(string to, string firstName, string companyName, string requester, string what, string wished,
        string? reason, string link) => Compose(
        to,
        $"{requester} requests {what} in {companyName}",
        $"Hello {firstName},",
        $"{requester} asks for {what} ({wished}){(reason is null ? "." : $": \"{reason}\"")} You can approve or decline it on the Overview of {companyName} on Hesh; it waits 7 days for an answer.",
        "Open the Overview",
        link);

    public static MailMessage SignUpConfirmation(string to, string firstName, string companyName, string link) => Compose(
        to,
        $"Confirm your email to create {companyName} on Hesh",
        $"Hello {firstName},",
        $"Open this link to create {companyName} on Hesh; you will be its owner. The link is valid for 24 hours. If it was not you, ignore this email: nothing has been created.",
        "Create my company",
        link);

    /// <summary>Sent instead of a sign-up link when the email already has an account, so the page need not say so.</summary>
    public static MailMessage SignUpWithExistingEmail(string to, string firstName, string signInLink) => Compose(
        to,
        "Someone tried to create a Hesh company with your email",
        $"Hello {firstName},",
        "Someone tried to create a Hesh company with your email. If it was you, sign in or reset your password (\"Forgot your password?\" on the sign-in page). If it was not, ignore this email: nothing was created and your account is unchanged.",
        "Sign in",
        signInLink);

    internal static MailMessage Compose(string to, string subject, string greeting, string body, string action, string link)
    {
        var e = (string s) => WebUtility.HtmlEncode(s);
        var html = $"""
            <div style="font-family:Roboto,Arial,sans-serif;max-width:560px">
              <h2 style="color:#3949ab">Hesh</h2>
              <p>{e(greeting)}</p>
              <p>{e(body)}</p>
              <p><a href="{e(link)}" style="background:#3949ab;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">{e(action)}</a></p>
              <p style="color:#666;font-size:12px">Or open this link: {e(link)}</p>
            </div>
            """;
        var text = $"{greeting}\n\n{body}\n\n{action}: {link}\n";
        return new MailMessage(to, subject, html, text);
    }
}
