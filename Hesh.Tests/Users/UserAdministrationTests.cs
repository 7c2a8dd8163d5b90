using Hesh.Core.Common;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Users;

/// <summary>Through the same services the components call, against the real store: refusals change nothing.</summary>
public sealed class UserAdministrationTests(AppHost host)
{
    private Task<T> Users<T>(Func<UserAdministration, Task<T>> call) => host.WithScopeAsync(s => call(s.GetRequiredService<UserAdministration>()));
    private Task<T> Own<T>(Func<MyAccountService, Task<T>> call) => host.WithScopeAsync(s => call(s.GetRequiredService<MyAccountService>()));
    private Task<T> Queries<T>(Func<UserQueries, Task<T>> call) => host.WithScopeAsync(s => call(s.GetRequiredService<UserQueries>()));

    private Task<string> SnapshotAsync(string userId) => host.DbAsync(async db =>
    {
        var u = await db.Users.AsNoTracking().SingleAsync(x => x.Id == userId);
        return $"{u.FirstName}|{u.LastName}|{u.PhoneNumber}|{u.ExternalId}|{u.Status}|{u.PasswordHash}|{u.SecurityStamp}|{u.Photo?.Length}|{u.InvitationTokenHash}";
    });

    private static NewPasswordInput NewPassword => new() { Password = "Fresh-pass-9", ConfirmPassword = "Fresh-pass-9" };

    public static TheoryData<string> Commands => ["edit", "inactivate", "set-password", "reset-link", "photo", "remove-photo"];

    private Task<Result> RunAsync(string command, string actorId, string targetId) => Users(s => command switch
    {
        "edit" => s.UpdateProfileAsync(actorId, targetId, new EditProfileInput { FirstName = "Hacked", LastName = "Name" }),
        "inactivate" => s.ApplyStatusActionAsync(actorId, targetId, StatusAction.Inactivate),
        "set-password" => s.SetPasswordAsync(actorId, targetId, NewPassword),
        "reset-link" => s.SendResetLinkAsync(actorId, targetId),
        "photo" => s.SetPhotoAsync(actorId, targetId, UserPhotoTests.Png),
        _ => s.RemovePhotoAsync(actorId, targetId),
    });

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task AdminOfAnotherCompany_GetsNotFound_AndNothingChanges(string command)
    {
        var victim = await host.CreateCompanyAsync();
        var target = await victim.AddUserAsync("Vera");
        var attacker = await host.CreateCompanyAsync();
        var before = await SnapshotAsync(target.Id);

        var result = await RunAsync(command, attacker.OwnerId, target.Id);

        Assert.True(result.IsNotFound);
        Assert.Equal(before, await SnapshotAsync(target.Id));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task NonAdmin_CannotActOnAnotherUser_AndNothingChanges(string command)
    {
        var company = await host.CreateCompanyAsync();
        var member = await company.AddUserAsync("Mark");
        var target = await company.AddUserAsync("Tina");
        var before = await SnapshotAsync(target.Id);

        var result = await RunAsync(command, member.Id, target.Id);

        Assert.False(result.Succeeded);
        Assert.Equal(before, await SnapshotAsync(target.Id));
    }

    [Fact]
    public async Task AdminOfAnotherCompany_CannotOpenTheUser()
    {
        var victim = await host.CreateCompanyAsync();
        var target = await victim.AddUserAsync("Vlad");
        var attacker = await host.CreateCompanyAsync();

        Assert.Null(await Queries(q => q.GetAsync(attacker.OwnerId, target.Id)));
    }

    [Fact]
    public async Task UserList_ShowsOnlyTheActorsCompany()
    {
        var mine = await host.CreateCompanyAsync();
        await mine.AddUserAsync("Mine");
        var other = await host.CreateCompanyAsync();
        await other.AddUserAsync("Theirs");

        var page = await Queries(q => q.ListAsync(mine.OwnerId, new UserListQuery(PageSize: 100)));

        Assert.All(page.Value!.Items, row => Assert.Contains(mine.Tag, row.Email));
        Assert.Equal(2, page.Value.TotalCount);
    }

    [Fact]
    public async Task NonAdmin_CannotListUsers()
    {
        var company = await host.CreateCompanyAsync();
        var member = await company.AddUserAsync("Nils");

        var page = await Queries(q => q.ListAsync(member.Id, new UserListQuery()));

        Assert.False(page.Succeeded);
    }

    [Fact]
    public async Task UserList_SearchesNameEmailAndPhone_AndFiltersByStatus()
    {
        var company = await host.CreateCompanyAsync();
        var zelda = await company.AddUserAsync("Zelda");
        await Users(s => s.UpdateProfileAsync(company.OwnerId, zelda.Id, new EditProfileInput { FirstName = "Zelda", LastName = "Quartz", Phone = "+44 20 7946 0999" }));
        await company.AddUserAsync("Pending", UserStatus.Pending);

        async Task<IReadOnlyList<UserRow>> Find(string? search, UserStatus? status = null) =>
            (await Queries(q => q.ListAsync(company.OwnerId, new UserListQuery(search, status)))).Value!.Items;

        Assert.Equal(zelda.Id, Assert.Single(await Find("quartz")).Id);
        Assert.Equal(zelda.Id, Assert.Single(await Find("zelda q")).Id);
        Assert.Equal(zelda.Id, Assert.Single(await Find("7946")).Id);
        Assert.Equal(zelda.Id, Assert.Single(await Find(zelda.Email![..10])).Id);
        Assert.Equal(UserStatus.Pending, Assert.Single(await Find(null, UserStatus.Pending)).Status);
        Assert.Empty(await Find("%"));
    }

    [Fact]
    public async Task UserList_PagesOnTheServer()
    {
        var company = await host.CreateCompanyAsync();
        for (var i = 0; i < 5; i++)
        {
            await company.AddUserAsync($"Paged{(char)('a' + i)}");
        }

        var first = (await Queries(q => q.ListAsync(company.OwnerId, new UserListQuery(Page: 0, PageSize: 4)))).Value!;
        var second = (await Queries(q => q.ListAsync(company.OwnerId, new UserListQuery(Page: 1, PageSize: 4)))).Value!;

        Assert.Equal(6, first.TotalCount);
        Assert.Equal(4, first.Items.Count);
        Assert.Equal(2, second.Items.Count);
        Assert.Empty(first.Items.Select(r => r.Id).Intersect(second.Items.Select(r => r.Id)));
    }

    [Fact]
    public async Task Invite_CreatesPendingUser()
    {
        var company = await host.CreateCompanyAsync();
        var email = $"fresh-{company.Tag}@test.hesh";

        var result = await Users(s => s.InviteAsync(company.OwnerId, new InviteUserInput { Email = email, FirstName = "Fay", LastName = "Fresh", Phone = "+1 555 010 0300", ExternalId = "E-7" }));

        var user = (await host.FindUserAsync(result.Value!))!;
        Assert.Equal(UserStatus.Pending, user.Status);
        Assert.Equal(company.Id, user.CompanyId);
        Assert.Null(user.PasswordHash);
        Assert.Equal("E-7", user.ExternalId);
    }

    [Fact]
    public async Task Invite_DuplicateEmail_IsRefusedOnTheEmailField_AndCreatesNobody()
    {
        var company = await host.CreateCompanyAsync();
        var existing = await company.AddUserAsync("Dup");
        var before = await host.DbAsync(db => db.Users.CountAsync(u => u.CompanyId == company.Id));

        var result = await Users(s => s.InviteAsync(company.OwnerId, new InviteUserInput { Email = existing.Email!.ToUpperInvariant(), FirstName = "Dup", LastName = "Two" }));

        Assert.Equal("A user with this email already exists.", result.FieldErrors[nameof(InviteUserInput.Email)]);
        Assert.Equal(before, await host.DbAsync(db => db.Users.CountAsync(u => u.CompanyId == company.Id)));
    }

    [Fact]
    public async Task Invite_ByNonAdmin_IsRefused_AndCreatesNobody()
    {
        var company = await host.CreateCompanyAsync();
        var member = await company.AddUserAsync("Mila");
        var email = $"sneaky-{company.Tag}@test.hesh";

        var result = await Users(s => s.InviteAsync(member.Id, new InviteUserInput { Email = email, FirstName = "Sneaky", LastName = "Guest" }));

        Assert.False(result.Succeeded);
        Assert.False(await host.DbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task EditWithScriptInName_IsRefused_AndNothingChanges()
    {
        var company = await host.CreateCompanyAsync();
        var target = await company.AddUserAsync("Sara");
        var before = await SnapshotAsync(target.Id);

        var result = await Users(s => s.UpdateProfileAsync(company.OwnerId, target.Id, new EditProfileInput { FirstName = "<img src=x onerror=alert(1)>", LastName = "X" }));

        Assert.Contains(nameof(EditProfileInput.FirstName), result.FieldErrors.Keys);
        Assert.Equal(before, await SnapshotAsync(target.Id));
    }

    [Fact]
    public async Task AdminSettingPasswordOfPendingUser_MakesThemActive()
    {
        var company = await host.CreateCompanyAsync();
        var pending = await company.AddUserAsync("Paula", UserStatus.Pending);

        var result = await Users(s => s.SetPasswordAsync(company.OwnerId, pending.Id, NewPassword));

        Assert.True(result.Succeeded, result.Error);
        var stored = (await host.FindUserAsync(pending.Id))!;
        Assert.Equal(UserStatus.Active, stored.Status);
        Assert.Null(stored.InvitationTokenHash);
    }

    [Fact]
    public async Task WeakPasswordSetByAdmin_IsRefusedWithThePolicy_AndNothingChanges()
    {
        var company = await host.CreateCompanyAsync();
        var target = await company.AddUserAsync("Weak");
        var before = await SnapshotAsync(target.Id);

        var result = await Users(s => s.SetPasswordAsync(company.OwnerId, target.Id, new NewPasswordInput { Password = "short", ConfirmPassword = "short" }));

        Assert.Contains("At least 8 characters", result.FieldErrors[nameof(NewPasswordInput.Password)]);
        Assert.Equal(before, await SnapshotAsync(target.Id));
    }

    [Theory]
    [InlineData("Password1!", "This password is one of the most common ones")]
    [InlineData("weak-cobalt-harbor", "Don't use your name, email or company name in your password.")]
    public async Task RefusedPasswordSetByAdmin_IsRefusedWithTheReason_AndNothingChanges(string password, string message)
    {
        var company = await host.CreateCompanyAsync();
        var target = await company.AddUserAsync("Weak");
        var before = await SnapshotAsync(target.Id);

        var result = await Users(s => s.SetPasswordAsync(company.OwnerId, target.Id, new NewPasswordInput { Password = password, ConfirmPassword = password }));

        Assert.Contains(message, result.FieldErrors[nameof(NewPasswordInput.Password)]);
        Assert.Equal(before, await SnapshotAsync(target.Id));
    }

    [Fact]
    public async Task ChangingOwnPassword_NeedsTheCurrentOne()
    {
        var company = await host.CreateCompanyAsync();
        var me = await company.AddUserAsync("Self");
        var before = await SnapshotAsync(me.Id);

        var wrong = await Own(s => s.ChangeOwnPasswordAsync(me.Id, new ChangeOwnPasswordInput { CurrentPassword = "Not-mine-1", Password = "Fresh-pass-9", ConfirmPassword = "Fresh-pass-9" }));
        Assert.Equal("The current password is not correct.", wrong.FieldErrors[nameof(ChangeOwnPasswordInput.CurrentPassword)]);
        Assert.Equal(before, await SnapshotAsync(me.Id));

        var right = await Own(s => s.ChangeOwnPasswordAsync(me.Id, new ChangeOwnPasswordInput { CurrentPassword = TestCompany.Password, Password = "Fresh-pass-9", ConfirmPassword = "Fresh-pass-9" }));
        Assert.True(right.Succeeded, right.Error);
    }

    [Fact]
    public async Task AnAdmin_CannotSetTheOwnersPassword()
    {
        var company = await host.CreateCompanyAsync();
        var admin = await company.AddUserAsync("Ambitious", admin: true);
        var before = await SnapshotAsync(company.OwnerId);

        var result = await Users(s => s.SetPasswordAsync(admin.Id, company.OwnerId, NewPassword));

        Assert.Contains("only by the owner", result.Error);
        Assert.Equal(before, await SnapshotAsync(company.OwnerId));
    }

    [Fact]
    public async Task Owner_CannotBeInactivatedByAnotherAdmin()
    {
        var company = await host.CreateCompanyAsync();
        var admin = await company.AddUserAsync("Alma", admin: true);

        var result = await Users(s => s.ApplyStatusActionAsync(admin.Id, company.OwnerId, StatusAction.Inactivate));

        Assert.Contains("owner", result.Error);
        Assert.Equal(UserStatus.Active, (await host.FindUserAsync(company.OwnerId))!.Status);
    }

    [Fact]
    public async Task InactivatedAdmin_LosesEveryPowerAtOnce()
    {
        var company = await host.CreateCompanyAsync();
        var admin = await company.AddUserAsync("Ada", admin: true);
        var target = await company.AddUserAsync("Toby");
        await Users(s => s.ApplyStatusActionAsync(company.OwnerId, admin.Id, StatusAction.Inactivate));
        var before = await SnapshotAsync(target.Id);

        var result = await Users(s => s.UpdateProfileAsync(admin.Id, target.Id, new EditProfileInput { FirstName = "Changed", LastName = "Name" }));

        Assert.False(result.Succeeded);
        Assert.Equal(before, await SnapshotAsync(target.Id));
    }

    [Fact]
    public async Task User_UploadsAndRemovesOwnPhoto()
    {
        var company = await host.CreateCompanyAsync();
        var me = await company.AddUserAsync("Photo");

        Assert.True((await Users(s => s.SetPhotoAsync(me.Id, me.Id, UserPhotoTests.Jpeg))).Succeeded);
        Assert.Equal("image/jpeg", (await host.FindUserAsync(me.Id))!.PhotoContentType);
        Assert.True((await Users(s => s.RemovePhotoAsync(me.Id, me.Id))).Succeeded);
        Assert.Null((await host.FindUserAsync(me.Id))!.Photo);
    }

    [Fact]
    public async Task SvgPhoto_IsRefused_AndThePhotoStays()
    {
        var company = await host.CreateCompanyAsync();
        var me = await company.AddUserAsync("Svg");
        await Users(s => s.SetPhotoAsync(me.Id, me.Id, UserPhotoTests.Png));

        var result = await Users(s => s.SetPhotoAsync(me.Id, me.Id, "<svg onload=alert(1)></svg>"u8.ToArray()));

        Assert.False(result.Succeeded);
        Assert.Equal("image/png", (await host.FindUserAsync(me.Id))!.PhotoContentType);
    }
}
