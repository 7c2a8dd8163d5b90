using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Email;

/// <summary>
/// In front of the configured mailer: a <see cref="MailMessage.Background"/> message is queued and sent in order by
/// one background loop, so the request that asked for it answers in the same time whether or not a message was due
/// (an SMTP exchange is tens to hundreds of milliseconds). Others are sent at once, their errors reaching the caller.
/// A queued message still unsent when the process stops is lost; the person asks again.
/// </summary>
public sealed class OutboxMailer : IMailer, IDisposable
{
    private readonly IMailer _inner;
    private readonly ILogger<OutboxMailer> _logger;
    private readonly Channel<MailMessage> _queue = Channel.CreateUnbounded<MailMessage>(new() { SingleReader = true });
    private int _pending;

    public OutboxMailer(IMailer inner, ILogger<OutboxMailer> logger)
    {
        _inner = inner;
        _logger = logger;
        _ = Task.Run(SendQueuedAsync);
    }

    public Task SendAsync(MailMessage message, CancellationToken ct = default)
    {
        if (!message.Background)
        {
            return _inner.SendAsync(message, ct);
        }
        Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite(message))
        {
            Interlocked.Decrement(ref _pending);
        }
        return Task.CompletedTask;
    }

    /// <summary>Completes once every message queued so far has been handed to the mailer (tests read the mail after it).</summary>
    public async Task IdleAsync(CancellationToken ct = default)
    {
        while (Volatile.Read(ref _pending) > 0)
        {
            await Task.Delay(10, ct);
        }
    }

    private async Task SendQueuedAsync()
    {
        await foreach (var message in _queue.Reader.ReadAllAsync())
        {
            try
            {
                await _inner.SendAsync(message);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Email {Subject} to {Recipient} could not be sent", message.Subject, message.To);
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    public void Dispose() => _queue.Writer.TryComplete();
}
