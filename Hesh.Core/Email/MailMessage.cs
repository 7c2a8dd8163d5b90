namespace Hesh.Core.Email;

public sealed record MailMessage(string To, string Subject, string Html, string Text)
{
    /// <summary>
    /// Sent after the answer, not before it (<see cref="OutboxMailer"/>): for mail whose sending says something the
    /// page must not — a reset link goes only to an existing account — a mail server's delay would say it.
    /// </summary>
    public bool Background { get; init; }
}

/// <summary>Sends mail. The default writes .eml files to a pickup folder; SMTP when configured.</summary>
public interface IMailer
{
    Task SendAsync(MailMessage message, CancellationToken ct = default);
}

public sealed class EmailOptions
{
    public string From { get; set; } = "Hesh <no-reply@hesh.local>";
    /// <summary>Where .eml files land when no SMTP server is configured.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";
    public SmtpOptions? Smtp { get; set; }
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public bool UseStartTls { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
}
