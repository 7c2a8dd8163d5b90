using Hesh.Core.Email;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Hesh.Web.Components.Account;

/// <summary>Identity's email sender, delivered by Hesh's mailer (pickup folder or SMTP), in the requester's language.</summary>
internal sealed class IdentityEmailSender(IMailer mailer, IStringLocalizer<IdentityEmailSender> L) : IEmailSender<HeshUser>
{
    public Task SendConfirmationLinkAsync(HeshUser user, string email, string confirmationLink) =>
        mailer.SendAsync(new MailMessage(email, L["Confirm.Subject"], $"<a href=\"{confirmationLink}\">{System.Net.WebUtility.HtmlEncode(L["Confirm.Link"])}</a>", confirmationLink));

    public Task SendPasswordResetLinkAsync(HeshUser user, string email, string resetLink) =>
        mailer.SendAsync(EmailTemplates.PasswordReset(email, user.FirstName, resetLink));

    public Task SendPasswordResetCodeAsync(HeshUser user, string email, string resetCode) =>
        mailer.SendAsync(new MailMessage(email, L["Code.Subject"], $"<p>{System.Net.WebUtility.HtmlEncode(L["Code.Body", resetCode])}</p>", resetCode));
}
