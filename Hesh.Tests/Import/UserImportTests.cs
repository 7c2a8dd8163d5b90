using System.IO.Compression;
using System.Text;
using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Core.Users.Import;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hesh.Tests.Import.ImportFiles;

namespace Hesh.Tests.Import;

/// <summary>The import service against the real store: matching, departments and positions, the preview's words, the commit and its report.</summary>
public sealed class UserImportTests(AppHost host)
{
    private Task<Result<ImportPreview>> PreviewAsync(string actorId, Stream file, string name = "people.csv") =>
        host.Call<UserImport, Result<ImportPreview>>(s => s.PreviewAsync(actorId, name, file));

    private Task<Result<ImportReport>> CommitAsync(string actorId, ImportPreview preview) =>
        host.Call<UserImport, Result<ImportReport>>(s => s.CommitAsync(actorId, preview));

    private async Task<ImportPreview> PreviewOkAsync(string actorId, Stream file, string name = "people.csv")
    {
        var preview = await PreviewAsync(actorId, file, name);
        Assert.True(preview.Succeeded, preview.Error);
        return preview.Value!;
    }

    private static string Mail(TestCompany c, string who) => $"{who}-{c.Tag}@test.hesh";

    [Fact]
    public async Task Departments_are_found_by_path_or_unique_name_and_positions_by_name_in_any_case()
    {
        var company = await host.CreateCompanyAsync();
        var assembly = await host.AddDepartmentAsync(company, "Assembly");
        var welding = await host.AddDepartmentAsync(company, "Welding", assembly);
        var paint = await host.AddDepartmentAsync(company, "Paint shop");
        var welder = await host.AddPositionAsync(company, "Welder");

        var preview = await PreviewOkAsync(company.OwnerId, Csv(Header,
            $"{Mail(company, "a")},Ann,Lee,,,Assembly/Welding,welder",
            $"{Mail(company, "b")},Bob,Lee,,,ASSEMBLY › welding,",
            $"{Mail(company, "c")},Cid,Lee,,,paint shop,WELDER"));

        Assert.Equal(3, preview.AddCount);
        var people = preview.People.Select(p => (p.Person.DepartmentId, p.Person.PositionId)).ToList();
        Assert.Equal([(welding, welder), (welding, null), (paint, welder)], people);
    }

    [Fact]
    public async Task An_ambiguous_department_name_or_an_unknown_one_is_an_error_of_that_cell()
    {
        var company = await host.CreateCompanyAsync();
        await host.AddDepartmentAsync(company, "Welding", await host.AddDepartmentAsync(company, "Assembly"));
        await host.AddDepartmentAsync(company, "Welding", await host.AddDepartmentAsync(company, "Repairs"));

        var preview = await PreviewOkAsync(company.OwnerId, Csv(Header,
            $"{Mail(company, "a")},Ann,Lee,,,Welding,",
            $"{Mail(company, "b")},Bob,Lee,,,Nowhere,",
            $"{Mail(company, "c")},Cid,Lee,,,,Astronaut"));

        var issues = preview.WithErrors.SelectMany(r => r.Issues).Select(i => i.ToString()).ToList();
        Assert.Equal(3, issues.Count);
        Assert.StartsWith("row 2, department: \"Welding\" is the name of more than one department; write its path", issues[0]);
        Assert.Equal("row 3, department: There is no department \"Nowhere\" in your company.", issues[1]);
        Assert.Equal("row 4, position: There is no position \"Astronaut\" in your company.", issues[2]);
    }

    [Fact]
    public async Task Another_companys_department_and_position_names_are_unknown_here()
    {
        var other = await host.CreateCompanyAsync();
        await host.AddDepartmentAsync(other, "Secret lab");
        await host.AddPositionAsync(other, "Spy");
        var company = await host.CreateCompanyAsync();

        var preview = await PreviewOkAsync(company.OwnerId, Csv(Header, $"{Mail(company, "a")},Ann,Lee,,,Secret lab,Spy"));

        var row = Assert.Single(preview.WithErrors);
        Assert.Equal([ImportColumn.Department, ImportColumn.Position], row.Issues.Select(i => i.Column));
        Assert.Empty(preview.People);
    }

    [Fact]
    public async Task Existing_people_are_skipped_by_email_or_phone_and_errors_are_named_per_cell()
    {
        var company = await host.CreateCompanyAsync();
        var existing = await company.AddUserAsync("Kept");
        await host.DbAsync(async db => { (await db.Users.SingleAsync(u => u.Id == existing.Id)).PhoneNumber = "+1 555 010 0200"; return await db.SaveChangesAsync(); });

        var preview = await PreviewOkAsync(company.OwnerId, Csv(Header,
            $"{existing.Email!.ToUpperInvariant()},Kept,Tester,,,,",
            $"{Mail(company, "phone")},Same,Phone,+15550100200,,,",
            $"not-an-email,Bad,Row,12,,,",
            $"{Mail(company, "new")},New,Person,,,,",
            $"{Mail(company, "NEW")},Again,Person,,,,"));

        Assert.Equal([ImportOutcome.Skip, ImportOutcome.Skip, ImportOutcome.Error, ImportOutcome.Add, ImportOutcome.Error], preview.Rows.Select(r => r.Outcome));
        Assert.Equal(["Already in Hesh (same email)", "Already in Hesh (same phone)"], preview.ToSkip.Select(r => r.Reason));
        Assert.Equal(existing.Id, preview.Rows[0].ExistingUserId);
        Assert.Equal(["row 4, email: Enter a valid email address, such as name@example.com.", "row 4, phone: Phone number must be a phone number such as +1 555 010 0200 (6 to 15 digits)."],
            preview.Rows[2].Issues.Select(i => i.ToString()));
        Assert.Equal("row 6, email: This email appears more than once in the list (first in row 5).", preview.Rows[4].Issues.Single().ToString());
    }

    [Fact]
    public async Task Import_creates_the_rows_to_add_and_reports_every_row_with_its_outcome()
    {
        var company = await host.CreateCompanyAsync();
        var existing = await company.AddUserAsync("Kept");
        var preview = await PreviewOkAsync(company.OwnerId, Csv(Header,
            $"{Mail(company, "ann")},Ann,Lee,+44 20 7946 0101,HR-1,,",
            $"{existing.Email},Kept,Tester,,,,",
            $"bad,Bad,Row,,,,",
            $"{Mail(company, "bob")},Bob,Lee,,,,"));

        var result = await CommitAsync(company.OwnerId, preview);

        Assert.True(result.Succeeded, result.Error);
        var report = result.Value!;
        Assert.Equal([ReportOutcome.Created, ReportOutcome.Skipped, ReportOutcome.NotImported, ReportOutcome.Created], report.Rows.Select(r => r.Outcome));
        Assert.Equal([2, 3, 4, 5], report.Rows.Select(r => r.RowNumber));
        Assert.Equal(existing.Id, report.Rows[1].UserId);
        var ann = (await host.FindUserAsync(report.Rows[0].UserId!))!;
        Assert.Equal((UserStatus.Pending, "+44 20 7946 0101", "HR-1"), (ann.Status, ann.PhoneNumber, ann.ExternalId));
        await Mailbox.WaitForAsync(host.PickupDirectory, ann.Email!);
        Assert.Equal(2, await host.DbAsync(db => db.AuditEntries.CountAsync(e => e.CompanyId == company.Id && e.Action == AuditAction.UserImported && e.What == UserImport.Source)));

        var csv = UserImport.ReportCsv(report);
        Assert.StartsWith("Row,Email,Outcome,Reason,User id\r\n", csv);
        Assert.Contains("4,bad,Not imported,\"email: Enter a valid email address, such as name@example.com.\",\r\n", csv);
        Assert.Contains($"2,{ann.Email},Created,Invited,{ann.Id}", csv);
    }

    [Fact]
    public async Task A_finished_import_keeps_its_report_for_the_person_who_ran_it_only()
    {
        var company = await host.CreateCompanyAsync();
        var admin = await company.AddUserAsync("Adam", admin: true);
        var preview = await PreviewOkAsync(company.OwnerId, Csv(Header, $"{Mail(company, "kim")},Kim,Lee,,,,"));

        var report = (await CommitAsync(company.OwnerId, preview)).Value!;

        var reports = host.Services.GetRequiredService<ImportReports>();
        Assert.NotNull(report.ReportId);
        Assert.Equal(report.Rows, reports.Find(company.OwnerId, report.ReportId!)!.Rows);
        Assert.Null(reports.Find(admin.Id, report.ReportId!));
    }

    [Fact]
    public async Task When_an_email_is_taken_between_preview_and_import_nobody_is_created()
    {
        var company = await host.CreateCompanyAsync();
        var other = await host.CreateCompanyAsync();
        var taken = Mail(company, "taken");
        var preview = await PreviewOkAsync(company.OwnerId, Csv(Header, $"{Mail(company, "ann")},Ann,Lee,,,,", $"{taken},Tom,Lee,,,,"));
        await host.DbAsync(async db =>
        {
            db.Users.Add(new HeshUser { UserName = taken, Email = taken, NormalizedEmail = taken.ToUpperInvariant(), NormalizedUserName = taken.ToUpperInvariant(), CompanyId = other.Id, FirstName = "T", LastName = "L", CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var result = await CommitAsync(company.OwnerId, preview);

        Assert.False(result.Succeeded);
        Assert.Contains("Something changed since the preview (row 3, email: A user with this email already exists.)", result.Error);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task A_user_who_may_not_add_users_can_neither_preview_nor_import()
    {
        var company = await host.CreateCompanyAsync();
        var member = await company.AddUserAsync("Mia");
        var preview = await PreviewOkAsync(company.OwnerId, Csv(Header, $"{Mail(company, "ann")},Ann,Lee,,,,"));
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        Assert.Equal("Only an administrator can import users.", (await PreviewAsync(member.Id, Csv(Header, $"{Mail(company, "x")},X,Y,,,,"))).Error);
        Assert.Equal("Only an administrator can import users.", (await CommitAsync(member.Id, preview)).Error);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task An_xlsx_file_previews_like_the_same_csv()
    {
        var company = await host.CreateCompanyAsync();
        string[] header = ["Email", "First name", "Last name", "Phone"];

        var preview = await PreviewOkAsync(company.OwnerId, Xlsx(header, [Mail(company, "ann"), "Ann", "Lee", "4420794601"], ["bad", "Bob", "Lee", null]), "people.xlsx");

        Assert.Equal((1, 1), (preview.AddCount, preview.ErrorCount));
        Assert.Equal("4420794601", preview.People.Single().Person.Phone);
    }

    [Fact]
    public async Task Export_escapes_formula_like_cells_in_csv_and_writes_only_text_cells_in_xlsx()
    {
        var company = await host.CreateCompanyAsync();
        var department = await host.AddDepartmentAsync(company, "=cmd|' /C calc'!A0");
        var user = await company.AddUserAsync("Formula");
        await host.DbAsync(async db => { var u = await db.Users.SingleAsync(x => x.Id == user.Id); u.DepartmentId = department; u.PhoneNumber = "+1 555 010 0200"; return await db.SaveChangesAsync(); });

        var rows = (await host.Call<UserQueries, Result<IReadOnlyList<UserExportRow>>>(q => q.ExportAsync(company.OwnerId, new UserListQuery(Search: "formula")))).Value!;
        var csv = UserFiles.ExportCsv(rows, TimeZoneInfo.Utc);
        var xlsx = UserFiles.ExportXlsx(rows, TimeZoneInfo.Utc);

        var row = Assert.Single(rows);
        Assert.Equal("=cmd|' /C calc'!A0", row.Department);
        Assert.Contains(",'=cmd|' /C calc'!A0,", csv);
        Assert.Contains(",'+1 555 010 0200,", csv);
        using var archive = new ZipArchive(new MemoryStream(xlsx));
        var sheet = await new StreamReader(archive.Entries.First(e => e.FullName.StartsWith("xl/worksheets/sheet")).Open()).ReadToEndAsync();
        Assert.DoesNotContain("<x:f>", sheet);
        Assert.DoesNotContain("<f>", sheet);
        var table = await ReadOkAsync(new MemoryStream(xlsx), "users.xlsx");
        Assert.Equal("=cmd|' /C calc'!A0", table.Rows.Single().Get(ImportColumn.Department));
    }

    [Fact]
    public async Task Export_follows_the_lists_filters_and_rule()
    {
        var company = await host.CreateCompanyAsync();
        await company.AddUserAsync("Active");
        var pending = await company.AddUserAsync("Waiting", UserStatus.Pending);
        var member = await company.AddUserAsync("Member");

        var rows = (await host.Call<UserQueries, Result<IReadOnlyList<UserExportRow>>>(q => q.ExportAsync(company.OwnerId, new UserListQuery(Status: UserStatus.Pending)))).Value!;
        var refused = await host.Call<UserQueries, Result<IReadOnlyList<UserExportRow>>>(q => q.ExportAsync(member.Id, new UserListQuery()));

        Assert.Equal(pending.Email, Assert.Single(rows).Email);
        Assert.False(refused.Succeeded);
    }
}

internal static class OrgSetup
{
    public static Task<Guid> AddPositionAsync(this AppHost host, TestCompany company, string name, Hesh.Core.Permissions.AccessPair? template = null) => host.DbAsync(async db =>
    {
        var position = new Position { CompanyId = company.Id, Name = name, Template = template };
        db.Positions.Add(position);
        await db.SaveChangesAsync();
        return position.Id;
    });

    public static Task<Guid> AddDepartmentAsync(this AppHost host, TestCompany company, string name, Guid? parent = null) => host.DbAsync(async db =>
    {
        var department = new Department { CompanyId = company.Id, Name = name, ParentId = parent };
        db.Departments.Add(department);
        await db.SaveChangesAsync();
        return department.Id;
    });
}
