using System.Net;
using System.Threading.Channels;
using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Security;

/// <summary>
/// /hubs/permissions (Hesh.Web/Live/PermissionsHub.cs) attacked by a SignalR client: without a valid, current sign-in
/// it cannot connect; once connected it hears only its own user's changes, whatever methods or ids it sends.
/// </summary>
public sealed class HubAttacks(AppHost host)
{
    private sealed class Client(HubConnection connection, Channel<PermissionsSnapshot> received) : IAsyncDisposable
    {
        public HubConnection Connection { get; } = connection;

        public async Task<PermissionsSnapshot> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return await received.Reader.ReadAsync(timeout.Token);
        }

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }

    private HubConnection Build(CookieContainer? cookies, string query = "") =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, PermissionsHub.Path + query), o =>
            {
                if (cookies is not null)
                {
                    o.Cookies = cookies;
                }
            })
            .Build();

    private async Task<Client> ConnectAsync(BrowserSession session, string query = "")
    {
        var received = Channel.CreateUnbounded<PermissionsSnapshot>();
        var connection = Build(session.Cookies, query);
        connection.On<PermissionsSnapshot>(PermissionsHub.PermissionsChanged, s => received.Writer.TryWrite(s));
        await connection.StartAsync();
        return new Client(connection, received);
    }

    private async Task AssertRefusedAsync(CookieContainer? cookies)
    {
        await using var connection = Build(cookies);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    private static CookieContainer CookieJar(AppHost host, string value)
    {
        var jar = new CookieContainer();
        jar.Add(host.BaseAddress, new Cookie("Hesh.Auth", value));
        return jar;
    }

    private Task<Result<PermissionSheet>> GrantAsync(TestCompany company, string userId, PermissionKey key, int version) =>
        host.Call<UserPermissionService, Result<PermissionSheet>>(s => s.ToggleAsync(company.OwnerId, userId, Platform.Web, key, true, version));

    [Fact]
    public async Task A_client_cannot_acknowledge_another_users_change_into_its_receipt()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var mallory = await company.AddUserAsync("Mallory");
        using var annaSession = await host.SignedInAsync(anna.Email!);
        using var mallorySession = await host.SignedInAsync(mallory.Email!);
        // Anna's app is connected but never acknowledges; Mallory has learnt the receipt id pushed to it.
        await using var silent = await ConnectAsync(annaSession);
        await silent.NextAsync();
        await using var attacker = await ConnectAsync(mallorySession);
        await attacker.NextAsync();
        Assert.True((await host.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.ToggleAsync(company.OwnerId, anna.Id, Platform.Mobile, PermissionKey.Analytics, true, 0))).Succeeded);
        var pushed = await silent.NextAsync();
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        await attacker.Connection.InvokeAsync(nameof(PermissionsHub.Acknowledge), pushed.Receipt);
        var receipt = await host.Services.GetRequiredService<ILivePresence>().ReceiptAsync(anna.Id);

        Assert.Equal((0, 1), (receipt.Applied, receipt.Open));
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Anonymous_client_cannot_connect_to_the_hub()
    {
        var company = await host.CreateCompanyAsync();
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        await AssertRefusedAsync(null);

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Client_with_a_forged_cookie_cannot_connect()
    {
        var company = await host.CreateCompanyAsync();
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        await AssertRefusedAsync(CookieJar(host, "CfDJ8" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=')));

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Client_with_an_expired_cookie_cannot_connect()
    {
        var company = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);
        var value = session.Cookies.GetCookies(host.BaseAddress)["Hesh.Auth"]!.Value;
        await using (var control = Build(CookieJar(host, AccountAttacks.ReissueCookie(host, value, expired: false))))
        {
            await control.StartAsync();
        }
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        await AssertRefusedAsync(CookieJar(host, AccountAttacks.ReissueCookie(host, value, expired: true)));

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Client_with_the_cookie_of_a_user_whose_password_was_set_cannot_connect()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Mobi");
        using var stolen = await host.SignedInAsync(user.Email!);
        Assert.True((await host.Call<UserAdministration, Result>(s => s.SetPasswordAsync(company.OwnerId, user.Id,
            new NewPasswordInput { Password = "Reset-by-admin-1", ConfirmPassword = "Reset-by-admin-1" }))).Succeeded);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        await AssertRefusedAsync(stolen.Cookies);

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Client_with_the_cookie_of_an_inactivated_user_cannot_connect()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Gone");
        using var stolen = await host.SignedInAsync(user.Email!);
        Assert.True((await host.Call<UserAdministration, Result>(s => s.ApplyStatusActionAsync(company.OwnerId, user.Id, StatusAction.Inactivate))).Succeeded);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        await AssertRefusedAsync(stolen.Cookies);

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    public static IEnumerable<TheoryDataRow<string>> JoinAttempts() => SecurityTestExtensions.Rows(
    [
        "Client_cannot_join_another_users_group_by_calling_JoinGroup",
        "Client_cannot_join_another_users_group_by_calling_AddToGroupAsync",
        "Client_cannot_subscribe_to_another_user_by_calling_Subscribe",
        "Client_cannot_ask_the_hub_for_another_users_snapshot",
        "Client_cannot_push_a_forged_snapshot_to_another_user",
    ]);

    private static Task Invoke(string rule, HubConnection connection, string victimId) => rule switch
    {
        "Client_cannot_join_another_users_group_by_calling_JoinGroup" => connection.InvokeAsync("JoinGroup", PermissionsHub.GroupOf(victimId)),
        "Client_cannot_join_another_users_group_by_calling_AddToGroupAsync" => connection.InvokeAsync("AddToGroupAsync", connection.ConnectionId, PermissionsHub.GroupOf(victimId)),
        "Client_cannot_subscribe_to_another_user_by_calling_Subscribe" => connection.InvokeAsync("Subscribe", victimId),
        "Client_cannot_ask_the_hub_for_another_users_snapshot" => connection.InvokeAsync<PermissionsSnapshot>(nameof(PermissionsHub.Current), victimId),
        "Client_cannot_push_a_forged_snapshot_to_another_user" => connection.InvokeAsync(PermissionsHub.PermissionsChanged,
            new PermissionsSnapshot(victimId, 99, true, "Active", ["UsersPermissions"], "AllDepartments", [], "NoAccess", "Forged")),
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    /// <summary>
    /// The attacker's client (another company) calls a method naming the victim; the call fails, and afterwards the
    /// victim's change does not reach the attacker nor anything forged the victim: each side's next message is its own.
    /// </summary>
    [Theory]
    [MemberData(nameof(JoinAttempts))]
    public async Task Hub_call_naming_another_user_is_refused_and_leaks_nothing(string rule)
    {
        var attackerCompany = await host.CreateCompanyAsync();
        var victimCompany = await host.CreateCompanyAsync();
        var attacker = await attackerCompany.AddUserAsync("Eve");
        var victim = await victimCompany.AddUserAsync("Vic");
        using var attackerSession = await host.SignedInAsync(attacker.Email!);
        using var victimSession = await host.SignedInAsync(victim.Email!);
        await using var attackerClient = await ConnectAsync(attackerSession);
        await using var victimClient = await ConnectAsync(victimSession);
        Assert.Equal(attacker.Id, (await attackerClient.NextAsync()).UserId);
        Assert.Equal(victim.Id, (await victimClient.NextAsync()).UserId);
        var before = await DbFingerprint.TakeAsync(host, attackerCompany.Id, victimCompany.Id);

        await Assert.ThrowsAsync<HubException>(() => Invoke(rule, attackerClient.Connection, victim.Id));

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, attackerCompany.Id, victimCompany.Id));
        Assert.Equal(attacker.Id, (await attackerClient.Connection.InvokeAsync<PermissionsSnapshot>(nameof(PermissionsHub.Current))).UserId);
        Assert.True((await GrantAsync(victimCompany, victim.Id, PermissionKey.Analytics, 0)).Succeeded);
        Assert.True((await GrantAsync(attackerCompany, attacker.Id, PermissionKey.TasksView, 0)).Succeeded);
        var attackerNext = await attackerClient.NextAsync();
        var victimNext = await victimClient.NextAsync();
        Assert.Equal(attacker.Id, attackerNext.UserId);
        Assert.DoesNotContain("Analytics", attackerNext.Web);
        Assert.Equal((victim.Id, 1), (victimNext.UserId, victimNext.Version));
        Assert.DoesNotContain("UsersPermissions", victimNext.Web);
    }

    [Fact]
    public async Task Client_naming_another_user_in_the_connection_url_gets_only_its_own_state()
    {
        var company = await host.CreateCompanyAsync();
        var attacker = await company.AddUserAsync("Eve");
        var victim = await company.AddUserAsync("Vic");
        Assert.True((await GrantAsync(company, victim.Id, PermissionKey.Analytics, 0)).Succeeded);
        using var session = await host.SignedInAsync(attacker.Email!);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        await using var client = await ConnectAsync(session, $"?userId={victim.Id}&user={victim.Id}&group={PermissionsHub.GroupOf(victim.Id)}");
        var first = await client.NextAsync();

        Assert.Equal(attacker.Id, first.UserId);
        Assert.DoesNotContain("Analytics", first.Web);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    /// <summary>
    /// The victim notices a stolen session and resets the password by the email link: the thief's open hub connection
    /// must end like every other session, not keep receiving the victim's access changes.
    /// </summary>
    [Fact]
    public async Task Open_hub_connection_is_closed_once_the_password_is_reset_by_email_link()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Robbed");
        using var stolen = await host.SignedInAsync(user.Email!);
        await using var thief = await ConnectAsync(stolen);
        await thief.NextAsync();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        thief.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        using var own = new BrowserSession(host);
        var reset = await own.SubmitAsync(SecurityTestExtensions.ResetPath(user.Email!, await host.ResetCodeAsync(user.Id)), "reset-password",
            SecurityTestExtensions.NewPassword("Taken-back-pass-1"));
        Assert.Contains("ResetPasswordConfirmation", reset.Headers.Location!.OriginalString);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HubConnectionState.Disconnected, thief.Connection.State);
        await AssertRefusedAsync(stolen.Cookies);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }
}
