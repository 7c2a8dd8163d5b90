using Hesh.Core.ApiKeys;
using Hesh.Core.Audit;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Core.Users.Onboarding;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Import;

/// <summary>The shared batch creation (file import and Public API) against the real store.</summary>
public sealed class UserBatchTests(AppHost host)
{
    private const string Source = "Import from file";

    private async Task<BatchCaller> OwnerAsync(TestCompany company) =>
        BatchCaller.For((await host.Call<CurrentActorLoader, Actor?>(a => a.LoadAsync(company.OwnerId)))!);

    private Task<Hesh.Core.Common.Result<BatchResult>> CreateAsync(BatchCaller caller, IReadOnlyList<NewPerson> people, bool send = true) =>
        host.Call<UserBatch, Hesh.Core.Common.Result<BatchResult>>(b => b.CreateAsync(caller, people, Source, send, CancellationToken.None));

    private static NewPerson Person(TestCompany company, string first, string? phone = null, Guid? department = null, Guid? position = null) =>
        new($"{first.ToLowerInvariant()}-{company.Tag}@test.hesh", first, "Newman", phone, null, department, position);

    private Task<int> UserCountAsync(TestCompany company) => host.DbAsync(db => db.Users.CountAsync(u => u.CompanyId == company.Id));

    [Fact]
    public async Task Created_people_are_pending_invited_findable_by_email_and_audited_once_each()
    {
        var company = await host.CreateCompanyAsync();
        var caller = await OwnerAsync(company);
        NewPerson[] people = [Person(company, "Anna", "+44 20 7946 0101"), Person(company, "Bert")];

        var result = await CreateAsync(caller, people);

        Assert.True(result.Succeeded, result.Error);
        Assert.All(result.Value!.Rows, r => Assert.Equal(BatchOutcome.Created, r.Outcome));
        Assert.Equal([0, 1], result.Value.Rows.Select(r => r.Index));
        foreach (var row in result.Value.Rows)
        {
            var user = (await host.FindUserAsync(row.UserId))!;
            Assert.Equal(UserStatus.Pending, user.Status);
            Assert.NotNull(user.InvitationTokenHash);
            Assert.False(string.IsNullOrEmpty(user.SecurityStamp));
            Assert.Null(user.PasswordHash);
            // Identity finds them as it finds invited users: the normalized columns are right.
            var found = await host.WithScopeAsync(s => s.GetRequiredService<UserManager<HeshUser>>().FindByEmailAsync(user.Email!.ToUpperInvariant()));
            Assert.Equal(user.Id, found?.Id);
            await Mailbox.WaitForAsync(host.PickupDirectory, user.Email!);
        }
        var audit = await host.DbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.CompanyId == company.Id && e.Action == AuditAction.UserImported).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.All(audit, e => Assert.Equal((Source, company.OwnerId, "Olga Owner"), (e.What, e.ActorId, e.ActorName)));
    }

    [Fact]
    public async Task Existing_user_of_the_company_is_skipped_by_email_whatever_its_case()
    {
        var company = await host.CreateCompanyAsync();
        var existing = await company.AddUserAsync("Carla");

        var result = await CreateAsync(await OwnerAsync(company), [new NewPerson(existing.Email!.ToUpperInvariant(), "Carla", "Other", null, null)]);

        var row = Assert.Single(result.Value!.Rows);
        Assert.Equal((BatchOutcome.Skipped, existing.Id, "exists (email)"), (row.Outcome, row.UserId, row.Reason));
        Assert.Equal("Tester", (await host.FindUserAsync(existing.Id))!.LastName);
    }

    [Fact]
    public async Task Existing_user_of_the_company_is_skipped_by_phone_written_differently()
    {
        var company = await host.CreateCompanyAsync();
        var existing = await company.AddUserAsync("Dora");
        await host.DbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == existing.Id)).PhoneNumber = "+44 20 7946 0555";
            return await db.SaveChangesAsync();
        });
        var before = await UserCountAsync(company);

        var result = await CreateAsync(await OwnerAsync(company), [Person(company, "Dorothea", "+442079460555"), Person(company, "Ed")]);

        Assert.Equal((BatchOutcome.Skipped, existing.Id, "exists (phone)"), (result.Value!.Rows[0].Outcome, result.Value.Rows[0].UserId, result.Value.Rows[0].Reason));
        Assert.Equal(BatchOutcome.Created, result.Value.Rows[1].Outcome);
        Assert.Equal(before + 1, await UserCountAsync(company));
    }

    [Fact]
    public async Task Duplicate_email_within_the_list_is_an_error_naming_the_first_and_nothing_is_written()
    {
        var company = await host.CreateCompanyAsync();
        var before = await DbFingerprint.TakeAsync(host, company.Id);
        var anna = Person(company, "Anna");

        var result = await CreateAsync(await OwnerAsync(company), [anna, Person(company, "Bert"), anna with { Email = anna.Email.ToUpperInvariant() }]);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Value!.Errors);
        Assert.Equal((2, BatchFields.Email, 0), (error.Index, error.Field, error.FirstIndex));
        Assert.Empty(result.Value.Rows);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Email_of_another_companys_account_is_refused_with_the_invite_wording_and_no_company_named()
    {
        var other = await host.CreateCompanyAsync();
        var theirs = await other.AddUserAsync("Secret");
        var company = await host.CreateCompanyAsync();
        var before = await DbFingerprint.TakeAsync(host, company.Id, other.Id);

        var result = await CreateAsync(await OwnerAsync(company), [Person(company, "Fine"), new NewPerson(theirs.Email!, "Sneaky", "Person", null, null)]);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Value!.Errors);
        Assert.Equal((1, BatchFields.Email, "A user with this email already exists."), (error.Index, error.Field, error.Message));
        Assert.DoesNotContain(other.Tag, result.Error);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id, other.Id));
    }

    [Fact]
    public async Task Department_or_position_of_another_company_is_an_error_and_nothing_is_written()
    {
        var other = await host.CreateCompanyAsync();
        var theirs = await AddPositionAsync(other, "Spy", null);
        var theirDepartment = await AddDepartmentAsync(other, "Elsewhere");
        var company = await host.CreateCompanyAsync();
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var result = await CreateAsync(await OwnerAsync(company), [Person(company, "Gus", department: theirDepartment), Person(company, "Hal", position: theirs)]);

        Assert.Equal([(0, BatchFields.Department), (1, BatchFields.Position)], result.Value!.Errors.Select(e => (e.Index, e.Field)));
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Positions_template_is_applied_to_a_created_user_and_a_position_without_one_keeps_the_defaults()
    {
        var company = await host.CreateCompanyAsync();
        var template = new AccessPair(AccessPair.Defaults.Web.With(PermissionKey.Analytics, true).With(PermissionKey.ProductsEdit, true), AccessPair.Defaults.Mobile);
        var welder = await AddPositionAsync(company, "Welder", template);
        var helper = await AddPositionAsync(company, "Helper", null);
        var welding = await AddDepartmentAsync(company, "Welding");

        var result = await CreateAsync(await OwnerAsync(company), [Person(company, "Ivy", department: welding, position: welder), Person(company, "Jon", position: helper)]);

        var ivy = (await host.FindUserAsync(result.Value!.Rows[0].UserId))!;
        Assert.True(AccessPair.Of(ivy).SameAs(template));
        Assert.Equal((welding, welder), (ivy.DepartmentId, ivy.PositionId));
        var jon = (await host.FindUserAsync(result.Value.Rows[1].UserId))!;
        Assert.True(AccessPair.Of(jon).SameAs(AccessPair.Defaults));
    }

    [Fact]
    public async Task One_bad_row_at_the_end_of_a_long_list_writes_nothing_at_all()
    {
        var company = await host.CreateCompanyAsync();
        var before = await DbFingerprint.TakeAsync(host, company.Id);
        var people = Enumerable.Range(0, 300).Select(i => new NewPerson($"person{i}-{company.Tag}@test.hesh", "Person", "Many", null, null)).ToList();
        people.Add(new NewPerson("not-an-email", "Bad", "Row", null, null));

        var result = await CreateAsync(await OwnerAsync(company), people);

        Assert.False(result.Succeeded);
        Assert.Equal((300, BatchFields.Email), (result.Value!.Errors.Single().Index, result.Value.Errors.Single().Field));
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
        Assert.Equal(0, Mailbox.CountFor(host, people[0].Email));
    }

    [Fact]
    public async Task Every_field_error_is_named_per_item_and_field()
    {
        var company = await host.CreateCompanyAsync();

        var errors = await host.Call<UserBatch, IReadOnlyList<BatchError>>(b => b.ValidateAsync(company.Id,
            [new NewPerson("", "<b>", "", "12", "bad id!"), new NewPerson("o'brien@test.hesh", "Ok", "Ok", null, null)], CancellationToken.None));

        Assert.Equal([(0, BatchFields.Email), (0, BatchFields.ExternalId), (0, BatchFields.FirstName), (0, BatchFields.LastName), (0, BatchFields.Phone), (1, BatchFields.Email)],
            errors.Select(e => (e.Index, e.Field)));
    }

    [Fact]
    public async Task A_non_admin_or_an_admin_of_another_company_creates_nobody()
    {
        var company = await host.CreateCompanyAsync();
        var member = await company.AddUserAsync("Mia");
        var other = await host.CreateCompanyAsync();
        var before = await DbFingerprint.TakeAsync(host, company.Id, other.Id);
        var memberActor = (await host.Call<CurrentActorLoader, Actor?>(a => a.LoadAsync(member.Id)))!;
        var otherOwner = (await host.Call<CurrentActorLoader, Actor?>(a => a.LoadAsync(other.OwnerId)))!;

        var asMember = await CreateAsync(BatchCaller.For(memberActor), [Person(company, "Nope")]);
        var asForeignAdmin = await CreateAsync(BatchCaller.For(otherOwner) with { CompanyId = company.Id }, [Person(company, "Nope")]);

        Assert.Equal("Only an administrator can add users.", asMember.Error);
        Assert.Equal("Only an administrator can add users.", asForeignAdmin.Error);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id, other.Id));
    }

    [Fact]
    public async Task An_api_key_needs_users_write_and_is_named_as_the_actor_in_the_audit()
    {
        var company = await host.CreateCompanyAsync();
        var before = await DbFingerprint.TakeAsync(host, company.Id);
        var readOnly = new BatchCaller(company.Id, "api-key:1", "API key “Reader”", null, ApiScopes.UsersRead);
        var writer = new BatchCaller(company.Id, "api-key:2", "API key “ERP sync”", null, ApiScopes.UsersRead | ApiScopes.UsersWrite);

        var refused = await CreateAsync(readOnly, [Person(company, "Kim")]);
        Assert.False(refused.Succeeded);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));

        var created = await host.Call<UserBatch, Hesh.Core.Common.Result<BatchResult>>(b => b.CreateAsync(writer, [Person(company, "Kim")], "Public API", false, CancellationToken.None));
        Assert.True(created.Succeeded, created.Error);
        var entry = await host.DbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.CompanyId == company.Id && e.Action == AuditAction.UserImported));
        Assert.Equal(("api-key:2", "API key “ERP sync”", "Public API", created.Value!.Rows[0].UserId), (entry.ActorId, entry.ActorName, entry.What, entry.SubjectId));
        Assert.Equal(0, Mailbox.CountFor(host, Person(company, "Kim").Email));
    }

    [Fact]
    public async Task An_empty_list_or_one_beyond_the_limit_is_refused()
    {
        var company = await host.CreateCompanyAsync();
        var caller = await OwnerAsync(company);
        var tooMany = Enumerable.Range(0, UserBatch.MaxPerImport + 1).Select(i => new NewPerson($"p{i}@test.hesh", "P", "Q", null, null)).ToList();

        Assert.False((await CreateAsync(caller, [])).Succeeded);
        var beyond = await CreateAsync(caller, tooMany);
        Assert.Contains("5,000", beyond.Error);
    }

    private Task<Guid> AddPositionAsync(TestCompany company, string name, AccessPair? template) => host.DbAsync(async db =>
    {
        var position = new Position { CompanyId = company.Id, Name = name, Template = template };
        db.Positions.Add(position);
        await db.SaveChangesAsync();
        return position.Id;
    });

    private Task<Guid> AddDepartmentAsync(TestCompany company, string name, Guid? parent = null) => host.DbAsync(async db =>
    {
        var department = new Department { CompanyId = company.Id, Name = name, ParentId = parent };
        db.Departments.Add(department);
        await db.SaveChangesAsync();
        return department.Id;
    });
}
