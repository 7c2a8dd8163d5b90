using Hesh.Core.Email;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace Hesh.Web.Components.Account;

/// <summary>Identity's email sender, delivered by Hesh's mailer (pickup folder or SMTP).</summary>
internal sealed class IdentityEmailSender(IMailer mailer) : IEmailSender<HeshUser>
{
    public Task SendConfirmationLinkAsync(HeshUser user, string email, string confirmationLink) =>
        mailer.SendAsync(new MailMessage(email, "Confirm your email", $"<a href=\"{confirmationLink}\">Confirm</a>", confirmationLink));

    public Task SendPasswordResetLinkAsync(HeshUser user, string email, string resetLink) =>
        mailer.SendAsync(EmailTemplates.PasswordReset(email, user.FirstName, resetLink));

    public Task SendPasswordResetCodeAsync(HeshUser user, string email, string resetCode) =>
        mailer.SendAsync(new MailMessage(email, "Your Hesh reset code", $"<p>Your code: {System.Net.WebUtility.HtmlEncode(resetCode)}</p>", resetCode));
}
