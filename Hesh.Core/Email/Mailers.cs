using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Hesh.Core.Email;

internal static class Mime
{
    public static MimeMessage Build(EmailOptions options, MailMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(options.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { HtmlBody = message.Html, TextBody = message.Text }.ToMessageBody();
        return mime;
    }
}

/// <summary>Writes each message as an .eml file, so a developer can open an invitation without a mail server.</summary>
public sealed class PickupFolderMailer(IOptions<EmailOptions> options, ILogger<PickupFolderMailer> logger) : IMailer
{
    public async Task SendAsync(MailMessage message, CancellationToken ct = default)
    {
        var directory = Path.GetFullPath(options.Value.PickupDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml");
        // Written aside, then moved in: whoever watches the folder (a mail client, the tests) never reads half a message.
        var partial = Path.ChangeExtension(path, ".partial");
        await Mime.Build(options.Value, message).WriteToAsync(partial, ct);
        File.Move(partial, path);
        logger.LogInformation("Email {Subject} to {Recipient} written to {Path}", message.Subject, message.To, path);
    }
}

public sealed class SmtpMailer(IOptions<EmailOptions> options, ILogger<SmtpMailer> logger) : IMailer
{
    public async Task SendAsync(MailMessage message, CancellationToken ct = default)
    {
        var smtp = options.Value.Smtp ?? throw new InvalidOperationException("Hesh:Email:Smtp is not configured.");
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.Auto, ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        }
        await client.SendAsync(Mime.Build(options.Value, message), ct);
        await client.DisconnectAsync(true, ct);
        logger.LogInformation("Email {Subject} to {Recipient} sent through {SmtpHost}", message.Subject, message.To, smtp.Host);
    }
}
