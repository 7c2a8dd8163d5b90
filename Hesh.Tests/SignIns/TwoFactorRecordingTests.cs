using System.Net;
using System.Security.Cryptography;
using Hesh.Core.SignIns;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Account;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.SignIns;

/// <summary>
/// The code step, driven through the sign-in manager as its pages call it: a right password only asks for the code, the
/// accepted code or recovery code is the sign-in, and wrong codes count like wrong passwords.
/// </summary>
public sealed class TwoFactorRecordingTests(AppHost host)
{
    private sealed record TwoFactorUser(HeshUser User, string Key, IReadOnlyList<string> RecoveryCodes);

    private async Task<TwoFactorUser> WithAuthenticatorAsync(string first)
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync(first);
        return await host.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<HeshUser>>();
            var stored = (await users.FindByIdAsync(user.Id))!;
            await users.ResetAuthenticatorKeyAsync(stored);
            await users.SetTwoFactorEnabledAsync(stored, true);
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(stored, 3))!.ToList();
            return new TwoFactorUser(stored, (await users.GetAuthenticatorKeyAsync(stored))!, codes);
        });
    }

    /// <summary>One browser's sign-in: the same manager carries the password step into the code step, as Identity's own endpoints do.</summary>
    private Task<List<SignInResult>> SignInAsync(string address, string email, params Func<SignInManager<HeshUser>, Task<SignInResult>>[] steps) =>
        host.WithScopeAsync(async s =>
        {
            var manager = s.GetRequiredService<SignInManager<HeshUser>>();
            var context = new DefaultHttpContext { RequestServices = s };
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            context.Request.Headers.UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
            manager.Context = context;
            var results = new List<SignInResult> { await manager.PasswordSignInAsync(email, TestCompany.Password, false, lockoutOnFailure: true) };
            foreach (var step in steps)
            {
                results.Add(await step(manager));
            }
            return results;
        });

    private Task<List<SignInAttempt>> AttemptsOfAsync(string userId) =>
        host.DbAsync(db => db.SignInAttempts.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task A_right_password_only_asks_for_the_code_and_the_accepted_code_is_filed_as_an_authenticator_sign_in()
    {
        var (user, key, _) = await WithAuthenticatorAsync("Ada");

        var results = await SignInAsync("203.0.113.71", user.Email!, m => m.TwoFactorAuthenticatorSignInAsync(Totp.Now(key), false, false));

        Assert.True(results[0].RequiresTwoFactor);
        Assert.True(results[1].Succeeded);
        Assert.Equal([(SignInOutcome.SecondFactorAsked, SignInMethod.Password), (SignInOutcome.Succeeded, SignInMethod.Authenticator)],
            (await AttemptsOfAsync(user.Id)).Select(a => (a.Outcome, a.Method)));
        Assert.NotNull((await host.FindUserAsync(user.Id))!.LastSignInAt);
    }

    [Fact]
    public async Task Wrong_codes_are_filed_count_towards_the_lockout_and_five_refuse_even_the_right_code_from_that_address()
    {
        var (user, key, _) = await WithAuthenticatorAsync("Bea");
        var wrong = Enumerable.Repeat<Func<SignInManager<HeshUser>, Task<SignInResult>>>(m => m.TwoFactorAuthenticatorSignInAsync("abcdef", false, false),
            AccountPolicy.FailuresPerAddress);

        var results = await SignInAsync("203.0.113.72", user.Email!, [.. wrong, m => m.TwoFactorAuthenticatorSignInAsync(Totp.Now(key), false, false)]);

        Assert.IsType<ThrottledSignInResult>(results[^1]);
        Assert.Equal([SignInOutcome.SecondFactorAsked, .. Enumerable.Repeat(SignInOutcome.WrongCode, AccountPolicy.FailuresPerAddress), SignInOutcome.Throttled],
            (await AttemptsOfAsync(user.Id)).Select(a => a.Outcome));
        Assert.Equal(AccountPolicy.FailuresPerAddress, (await host.FindUserAsync(user.Id))!.AccessFailedCount);
        var elsewhere = await SignInAsync("198.51.100.72", user.Email!, m => m.TwoFactorAuthenticatorSignInAsync(Totp.Now(key), false, false));
        Assert.True(elsewhere[^1].Succeeded);
    }

    [Fact]
    public async Task A_recovery_code_sign_in_is_filed_with_its_method_and_a_wrong_one_as_a_wrong_code()
    {
        var (user, _, codes) = await WithAuthenticatorAsync("Cleo");

        var results = await SignInAsync("203.0.113.73", user.Email!, m => m.TwoFactorRecoveryCodeSignInAsync("not-a-code"),
            m => m.TwoFactorRecoveryCodeSignInAsync(codes[0]));

        Assert.True(results[^1].Succeeded);
        Assert.Equal([(SignInOutcome.SecondFactorAsked, SignInMethod.Password), (SignInOutcome.WrongCode, SignInMethod.RecoveryCode),
                (SignInOutcome.Succeeded, SignInMethod.RecoveryCode)],
            (await AttemptsOfAsync(user.Id)).Select(a => (a.Outcome, a.Method)));
    }

    /// <summary>RFC 6238 as authenticator apps compute it: HMAC-SHA1 of the 30-second step, six digits.</summary>
    private static class Totp
    {
        public static string Now(string base32Key)
        {
            var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            var counter = BitConverter.GetBytes(step);
            if (BitConverter.IsLittleEndian)
            {
                Array.Reverse(counter);
            }
            var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
            var offset = hash[^1] & 0x0f;
            var code = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
            return (code % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        }

        private static byte[] FromBase32(string text)
        {
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            var bits = 0;
            var value = 0;
            var bytes = new List<byte>();
            foreach (var c in text.TrimEnd('=').ToUpperInvariant())
            {
                value = (value << 5) | alphabet.IndexOf(c);
                bits += 5;
                if (bits >= 8)
                {
                    bytes.Add((byte)(value >> (bits - 8)));
                    bits -= 8;
                }
            }
            return [.. bytes];
        }
    }
}
