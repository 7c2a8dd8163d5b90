using Hesh.Core.Companies;
using Hesh.Core.Email;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Email;

/// <summary>
/// Whether forgot-password or sign-up sends a mail, and which, depends on whether the email has an account. With a
/// real mail server, sending takes tens to hundreds of milliseconds, so a request that waited for it would tell by
/// its duration. These answer first and mail afterwards (OutboxMailer): here the mail server never answers at all.
/// </summary>
public sealed class MailOutboxTests : HeshComponentTest
{
    private readonly StalledMailer _server = new();

    public MailOutboxTests()
    {
        Services.AddSingleton(sp => new OutboxMailer(_server, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OutboxMailer>>()));
        Services.AddSingleton<IMailer>(sp => sp.GetRequiredService<OutboxMailer>());
        Services.AddSingleton<ISignUpSeal>(sp => new Hesh.Web.Infrastructure.SignUpSeal(sp.GetRequiredService<IDataProtectionProvider>()));
    }

    [Fact]
    public async Task Forgot_password_for_a_known_email_answers_without_waiting_for_the_mail_server()
    {
        var (owner, _) = await SeedCompanyAsync("Mia");

        await AnswersWithinAsync(WithDbAsync(async s => { await s.GetRequiredService<AccountFlows>().RequestPasswordResetAsync(owner.Email!); return true; }));

        Assert.Equal(owner.Email, (await _server.NextAsync()).To);
    }

    [Theory]
    [InlineData("free")]
    [InlineData("taken")]
    public async Task Sign_up_answers_without_waiting_for_the_mail_server_whichever_the_email(string kind)
    {
        var (owner, _) = await SeedCompanyAsync("Noa");
        var email = kind == "taken" ? owner.Email! : $"free-{Guid.NewGuid():N}@test.hesh";
        var input = new SignUpInput
        {
            CompanyName = "Outbox Co", FirstName = "Sam", LastName = "Founder", Email = email, Password = "Strong-pass-1", ConfirmPassword = "Strong-pass-1",
        };

        await AnswersWithinAsync(WithDbAsync(s => s.GetRequiredService<SignUpRequests>().RequestAsync(input)));

        Assert.Equal(email, (await _server.NextAsync()).To);
    }

    private static async Task AnswersWithinAsync(Task request)
    {
        var answered = await Task.WhenAny(request, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(answered == request, "The request waited for the mail server.");
        await request;
    }

    /// <summary>A mail server that takes every message and never finishes sending it.</summary>
    private sealed class StalledMailer : IMailer
    {
        private readonly System.Threading.Channels.Channel<MailMessage> _received = System.Threading.Channels.Channel.CreateUnbounded<MailMessage>();

        public async Task SendAsync(MailMessage message, CancellationToken ct = default)
        {
            _received.Writer.TryWrite(message);
            await Task.Delay(Timeout.Infinite, ct);
        }

        public async Task<MailMessage> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return await _received.Reader.ReadAsync(timeout.Token);
        }
    }
}
