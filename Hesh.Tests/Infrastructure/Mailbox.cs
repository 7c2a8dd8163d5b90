using System.Text.RegularExpressions;
using Hesh.Core.Email;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Hesh.Tests.Infrastructure;

/// <summary>Reads the .eml files the pickup-folder mailer wrote, as a developer opening them would.</summary>
public static partial class Mailbox
{
    public static async Task<MimeMessage> WaitForAsync(string directory, string to, Func<MimeMessage, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (Directory.Exists(directory))
            {
                foreach (var file in Directory.GetFiles(directory, "*.eml").OrderByDescending(f => f))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => m.Address.Equals(to, StringComparison.OrdinalIgnoreCase)) && (match?.Invoke(message) ?? true))
                    {
                        return message;
                    }
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No email to {to} in {directory}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>How many mails to <paramref name="to"/> the host has written so far, counting those it had queued (OutboxMailer).</summary>
    public static int CountFor(AppHost host, string to)
    {
        host.Services.GetRequiredService<OutboxMailer>().IdleAsync().GetAwaiter().GetResult();
        return !Directory.Exists(host.PickupDirectory) ? 0
            : Directory.GetFiles(host.PickupDirectory, "*.eml").Count(f => MimeMessage.Load(f).To.Mailboxes.Any(m => m.Address.Equals(to, StringComparison.OrdinalIgnoreCase)));
    }

    public static string LinkIn(MimeMessage message, string path) =>
        LinkPattern().Matches(message.TextBody ?? "").Select(m => m.Value).First(l => l.Contains(path, StringComparison.Ordinal));

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
