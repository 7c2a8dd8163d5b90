using System.Diagnostics;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Security;

/// <summary>
/// Account enumeration by the clock: an attacker times the sign-in, sign-up and forgot-password posts for an email they
/// want to test against one they know the answer for. Each case posts the real form, alternating the two kinds in a
/// random order (so load from parallel tests falls on both), and compares the medians — the attacker's own statistic.
/// Not a speed test: how long a post takes does not matter, only that both kinds take the same. The cases run with no
/// other test beside them (<see cref="TimingCollection"/>): the rest of the suite in parallel is noise, not an attacker.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class TimingAttacks(AppHost host)
{
    private const int Rounds = 40;
    private const int WarmUp = 5;
    private const int Attempts = 3;
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(5);

    public static TheoryData<string> RefusedKinds => ["unknown email", "pending user", "inactive user", "locked-out user"];

    [Theory]
    [MemberData(nameof(RefusedKinds))]
    public async Task A_refused_sign_in_takes_as_long_as_a_wrong_password_for_an_active_account(string kind)
    {
        var company = await host.CreateCompanyAsync();
        var known = await ActiveUsersAsync(company, Attempts * (Rounds + WarmUp));
        var target = kind switch
        {
            "unknown email" => null,
            "pending user" => await company.AddUserAsync("Pia", UserStatus.Pending),
            "inactive user" => await company.AddUserAsync("Ian", UserStatus.Inactive),
            _ => await LockedOutAsync(company),
        };
        using var session = new BrowserSession(host);
        var form = await session.ReadFormAsync("/Account/Login", "login");

        var next = 0;
        await AssertSameMediansAsync($"sign-in: known email, wrong password | {kind}",
            () => session.PostRawAsync("/Account/Login", With(form, known[next++ % known.Count].Email!, "Wrong-pass-1")),
            () => session.PostRawAsync("/Account/Login", With(form, target?.Email ?? $"nobody-{Guid.NewGuid():N}@test.hesh", "Wrong-pass-1")));
    }

    [Fact]
    public async Task Sign_up_with_a_taken_email_takes_as_long_as_with_a_free_one()
    {
        var company = await host.CreateCompanyAsync();
        var taken = await PreparedAsync("/Account/SignUp", "signup", () => SignUpFields(company.OwnerEmail));
        var free = await PreparedAsync("/Account/SignUp", "signup", () => SignUpFields($"free-{Guid.NewGuid():N}@test.hesh"));

        await AssertSameMediansAsync("sign-up: taken email | free email", () => taken.Dequeue()(), () => free.Dequeue()());
    }

    [Fact]
    public async Task Forgot_password_for_an_unknown_email_takes_as_long_as_for_a_known_one()
    {
        var company = await host.CreateCompanyAsync();
        var known = await company.AddUserAsync("Kit");
        using var session = new BrowserSession(host);
        var form = await session.ReadFormAsync("/Account/ForgotPassword", "forgot-password");

        await AssertSameMediansAsync("forgot password: known email | unknown email",
            () => session.PostRawAsync("/Account/ForgotPassword", new Dictionary<string, string>(form) { ["Input.Email"] = known.Email! }),
            () => session.PostRawAsync("/Account/ForgotPassword", new Dictionary<string, string>(form) { ["Input.Email"] = $"nobody-{Guid.NewGuid():N}@test.hesh" }));
    }

    private static Dictionary<string, string> SignUpFields(string email)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        return new()
        {
            ["Input.CompanyName"] = $"Timing {tag}", ["Input.FirstName"] = "Tim", ["Input.LastName"] = "Founder",
            ["Input.Email"] = email, ["Input.Password"] = "Strong-pass-1", ["Input.ConfirmPassword"] = "Strong-pass-1",
        };
    }

    /// <summary>One fresh browser and form per attempt, read before the clock starts (a sign-up may sign the browser in).</summary>
    private async Task<Queue<Func<Task<HttpResponseMessage>>>> PreparedAsync(string path, string formName, Func<Dictionary<string, string>> fields)
    {
        var posts = new Queue<Func<Task<HttpResponseMessage>>>();
        for (var i = 0; i < Attempts * (WarmUp + Rounds); i++)
        {
            var session = new BrowserSession(host);
            var form = await session.ReadFormAsync(path, formName);
            foreach (var (key, value) in fields())
            {
                form[key] = value;
            }
            posts.Enqueue(async () =>
            {
                try
                {
                    return await session.PostRawAsync(path, form);
                }
                finally
                {
                    session.Dispose();
                }
            });
        }
        return posts;
    }

    private static Dictionary<string, string> With(Dictionary<string, string> form, string email, string password) =>
        new(form) { ["Input.Email"] = email, ["Input.Password"] = password };

    /// <summary>One active user per attempt, so no account reaches the lockout and every attempt takes the same path.</summary>
    private Task<List<HeshUser>> ActiveUsersAsync(TestCompany company, int count) =>
        host.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<HeshUser>>();
            // One hash for all of them: creating 45 users would otherwise take 45 hashes.
            var hash = users.PasswordHasher.HashPassword(null!, TestCompany.Password);
            var created = new List<HeshUser>();
            for (var i = 0; i < count; i++)
            {
                var email = $"known-{i}-{company.Tag}-{Guid.NewGuid().ToString("N")[..4]}@test.hesh";
                var user = new HeshUser
                {
                    UserName = email, Email = email, EmailConfirmed = true, CompanyId = company.Id, FirstName = "Kim", LastName = "Known",
                    Status = UserStatus.Active, CreatedAt = DateTime.UtcNow, PasswordHash = hash,
                };
                Assert.True((await users.CreateAsync(user)).Succeeded);
                created.Add(user);
            }
            return created;
        });

    private async Task<HeshUser> LockedOutAsync(TestCompany company)
    {
        var user = await company.AddUserAsync("Lou");
        await host.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<HeshUser>>();
            var stored = (await users.FindByIdAsync(user.Id))!;
            await users.SetLockoutEndDateAsync(stored, DateTimeOffset.UtcNow.AddHours(1));
        });
        return user;
    }

    /// <summary>
    /// Runs <see cref="WarmUp"/> then <see cref="Rounds"/> rounds of one attempt of each kind, in a random order per
    /// round, and compares the median duration of each kind. A busy machine (other tests, other processes) can push
    /// one measurement off by chance; a real difference shows in every one, so up to <see cref="Attempts"/> are made.
    /// </summary>
    private static async Task AssertSameMediansAsync(string kinds, Func<Task<HttpResponseMessage>> a, Func<Task<HttpResponseMessage>> b)
    {
        var measured = new List<string>();
        var signs = new HashSet<int>();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var (medianA, medianB) = await MediansAsync(a, b);
            measured.Add($"{medianA.TotalMilliseconds:F1} ms | {medianB.TotalMilliseconds:F1} ms");
            Report($"{kinds}: {measured[^1]}");
            if ((medianA - medianB).Duration() < Tolerance)
            {
                return;
            }
            signs.Add(Math.Sign((medianA - medianB).Ticks));
        }
        // A leak is one-sided: the path that skips work is faster every time. Medians that swap places from one
        // measurement to the next are the machine's noise (a busy 2-core VM moves them by 10 ms), not a tell.
        if (signs.Count > 1)
        {
            return;
        }
        Assert.Fail($"Medians of {kinds} differ by {Tolerance.TotalMilliseconds} ms or more, the same way, in every measurement ({string.Join("; ", measured)}): the clock tells them apart.");
    }

    private static async Task<(TimeSpan A, TimeSpan B)> MediansAsync(Func<Task<HttpResponseMessage>> a, Func<Task<HttpResponseMessage>> b)
    {
        var timesA = new List<TimeSpan>();
        var timesB = new List<TimeSpan>();
        for (var i = 0; i < WarmUp + Rounds; i++)
        {
            var aFirst = Random.Shared.Next(2) == 0;
            var first = await TimeAsync(aFirst ? a : b);
            var second = await TimeAsync(aFirst ? b : a);
            if (i < WarmUp)
            {
                continue;
            }
            timesA.Add(aFirst ? first : second);
            timesB.Add(aFirst ? second : first);
        }
        return (Median(timesA), Median(timesB));
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task<HttpResponseMessage>> attempt)
    {
        var clock = Stopwatch.StartNew();
        using var response = await attempt();
        await response.Content.ReadAsStringAsync();
        clock.Stop();
        Assert.True(response.IsSuccessStatusCode || (int)response.StatusCode / 100 == 3, $"The post answered {response.StatusCode}.");
        return clock.Elapsed;
    }

    private static TimeSpan Median(List<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void Report(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage(line);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
