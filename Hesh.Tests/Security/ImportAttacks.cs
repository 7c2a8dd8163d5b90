using System.Net;
using Hesh.Core.Common;
using Hesh.Core.Users;
using Hesh.Core.Users.Import;
using Hesh.Core.Users.Onboarding;
using Hesh.Tests.Import;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Security;

/// <summary>
/// User import and the Users downloads under attack: oversized and malformed files, too many rows, other companies'
/// names, formula cells, callers who may not import, crafted previews, and the export, template and report endpoints
/// signed out, without the right, or reaching for another company. Every refused attempt writes nothing.
/// </summary>
public sealed class ImportAttacks(AppHost host)
{
    private sealed record World(TestCompany Mine, TestCompany Theirs, HeshUser Member, HeshUser Inactive, HeshUser Holder, Guid TheirDepartment);

    private static readonly OnceBuilt<World> Built = new();

    private Task<World> WorldAsync() => Built.GetAsync(async () =>
    {
        var mine = await host.CreateCompanyAsync();
        var theirs = await host.CreateCompanyAsync();
        var member = await mine.AddUserAsync("Member");
        var inactive = await mine.AddUserAsync("Gone", UserStatus.Inactive, admin: true);
        var holder = await mine.AddUserAsync("Holder");
        var version = (await host.FindUserAsync(holder.Id))!.AccessVersion;
        Assert.True((await host.Call<UserPermissionService, Result<Hesh.Core.Users.PermissionSheet>>(s =>
            s.ToggleAsync(mine.OwnerId, holder.Id, Hesh.Core.Permissions.Platform.Web, Hesh.Core.Permissions.PermissionKey.UsersPermissions, true, version))).Succeeded);
        var department = await host.AddDepartmentAsync(theirs, $"Secret {theirs.Tag}");
        await theirs.AddUserAsync("Theirs");
        return new World(mine, theirs, member, inactive, holder, department);
    });

    private Task<string> FingerprintAsync(World w) => DbFingerprint.TakeAsync(host, w.Mine.Id, w.Theirs.Id);

    private Task<Result<ImportPreview>> PreviewAsync(string actorId, Stream file, string name = "people.csv") =>
        host.Call<UserImport, Result<ImportPreview>>(s => s.PreviewAsync(actorId, name, file));

    private async Task<Result<ImportReport>> PreviewAndCommitAsync(string actorId, Stream file)
    {
        var preview = await PreviewAsync(actorId, file);
        Assert.True(preview.Succeeded, preview.Error);
        return await host.Call<UserImport, Result<ImportReport>>(s => s.CommitAsync(actorId, preview.Value!));
    }

    [Fact]
    public async Task A_20_MB_file_is_refused_with_the_limit_and_changes_nothing()
    {
        var w = await WorldAsync();
        var before = await FingerprintAsync(w);
        var huge = ImportFiles.Csv(ImportFiles.Header + "\r\n" + new string('a', 20 * 1024 * 1024));

        var result = await PreviewAsync(w.Mine.OwnerId, huge);

        Assert.Equal(ImportFile.TooLarge, result.Error);
        Assert.Equal(before, await FingerprintAsync(w));
    }

    [Theory]
    [InlineData("people.csv")]
    [InlineData("people.xlsx")]
    public async Task Ten_thousand_rows_are_refused_with_the_limit_and_change_nothing(string name)
    {
        var w = await WorldAsync();
        var before = await FingerprintAsync(w);
        var rows = Enumerable.Range(0, 10_000).Select(i => new[] { $"p{i}-{w.Mine.Tag}@test.hesh", "Pat", "Lee" }).ToArray();
        var file = name.EndsWith("xlsx") ? ImportFiles.Xlsx(["Email", "First name", "Last name"], rows)
            : ImportFiles.Csv(new[] { "Email,First name,Last name" }.Concat(rows.Select(r => string.Join(',', r))).ToArray());

        var result = await PreviewAsync(w.Mine.OwnerId, file, name);

        Assert.Equal(ImportFile.TooManyRows, result.Error);
        Assert.Equal(before, await FingerprintAsync(w));
    }

    [Theory]
    [InlineData("people.csv", "Name,Mail\r\nAnn,ann@test.hesh\r\n", "are missing")]
    [InlineData("people.csv", "ann@test.hesh,Ann,Lee\r\n", "The first row must name the columns")]
    [InlineData("people.csv", "Email,First name,Last name\r\n\"ann@test.hesh,Ann,Lee\r\n", "not valid CSV")]
    [InlineData("people.xlsx", "Email,First name,Last name\r\nann@test.hesh,Ann,Lee\r\n", "could not be read as an Excel workbook")]
    [InlineData("people.exe", "MZ\u0090\0", "Choose a .csv or .xlsx file.")]
    [InlineData("people.csv", "\0\0\0\u0001\u0002binary", "The first row must name the columns")]
    public async Task A_wrong_header_or_malformed_file_gets_a_clear_message_and_changes_nothing(string name, string content, string expected)
    {
        var w = await WorldAsync();
        var before = await FingerprintAsync(w);

        var result = await PreviewAsync(w.Mine.OwnerId, ImportFiles.Csv(content), name);

        Assert.Contains(expected, result.Error);
        Assert.Equal(before, await FingerprintAsync(w));
    }

    [Fact]
    public async Task Another_companys_department_name_is_unknown_and_the_row_is_not_imported()
    {
        var w = await WorldAsync();
        var before = await FingerprintAsync(w);

        var preview = await PreviewAsync(w.Mine.OwnerId, ImportFiles.Csv(ImportFiles.Header, $"spy-{w.Mine.Tag}@test.hesh,Spy,Lee,,,Secret {w.Theirs.Tag},"));
        var report = await host.Call<UserImport, Result<ImportReport>>(s => s.CommitAsync(w.Mine.OwnerId, preview.Value!));

        Assert.Equal("There is no department \"Secret " + w.Theirs.Tag + "\" in your company.", preview.Value!.WithErrors.Single().Issues.Single().Message);
        Assert.Equal(ReportOutcome.NotImported, report.Value!.Rows.Single().Outcome);
        Assert.Equal(before, await FingerprintAsync(w));
    }

    [Fact]
    public async Task Another_companys_email_is_refused_without_naming_the_company()
    {
        var w = await WorldAsync();
        var before = await FingerprintAsync(w);

        var preview = (await PreviewAsync(w.Mine.OwnerId, ImportFiles.Csv(ImportFiles.Header, $"{w.Theirs.OwnerEmail},Olga,Owner,,,,"))).Value!;

        var issue = preview.WithErrors.Single().Issues.Single();
        Assert.Equal(UserBatch.EmailTaken, issue.Message);
        Assert.DoesNotContain(w.Theirs.Tag, issue.ToString());
        Assert.Empty(preview.People);
        Assert.Equal(before, await FingerprintAsync(w));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"\"http://evil\"\")", "Lee", "first name")]
    [InlineData("Ann", "+cmd|' /C calc'!A0", "last name")]
    [InlineData("Ann", "Lee", "email")]
    public async Task Formula_cells_are_refused_as_names_or_emails_and_nothing_is_written(string first, string last, string column)
    {
        var w = await WorldAsync();
        var before = await FingerprintAsync(w);
        var email = column == "email" ? "=1+1@test.hesh" : $"formula-{w.Mine.Tag}@test.hesh";

        var report = await PreviewAndCommitAsync(w.Mine.OwnerId, ImportFiles.Csv(ImportFiles.Header, $"{email},\"{first}\",\"{last}\",,,,"));

        var row = report.Value!.Rows.Single();
        Assert.Equal(ReportOutcome.NotImported, row.Outcome);
        Assert.StartsWith($"{column}:", row.Reason);
        Assert.Equal(before, await FingerprintAsync(w));
    }

    [Fact]
    public async Task A_formula_in_an_external_id_cell_never_reaches_an_export_as_a_formula()
    {
        var w = await WorldAsync();
        var before = await FingerprintAsync(w);

        var report = await PreviewAndCommitAsync(w.Mine.OwnerId, ImportFiles.Csv(ImportFiles.Header, $"ext-{w.Mine.Tag}@test.hesh,Ext,Lee,,=SUM(1),,"));

        Assert.Equal(ReportOutcome.NotImported, report.Value!.Rows.Single().Outcome);
        Assert.Contains("external id:", report.Value.Rows.Single().Reason);
        Assert.StartsWith("'=", Csv.Cell("=SUM(1)"));
        Assert.Equal(before, await FingerprintAsync(w));
    }

    public static TheoryData<string> Outsiders => ["member", "holder", "inactive-admin", "nobody"];

    private static string ActorOf(World w, string who) => who switch
    {
        "member" => w.Member.Id,
        "holder" => w.Holder.Id,
        "inactive-admin" => w.Inactive.Id,
        _ => "",
    };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task Who_may_not_add_users_in_the_company_can_neither_preview_nor_import_its_file(string who)
    {
        var w = await WorldAsync();
        var preview = (await PreviewAsync(w.Mine.OwnerId, ImportFiles.Csv(ImportFiles.Header, $"x-{who}-{w.Mine.Tag}@test.hesh,Ann,Lee,,,,"))).Value!;
        var before = await FingerprintAsync(w);
        var actor = ActorOf(w, who);

        var previewed = await PreviewAsync(actor, ImportFiles.Csv(ImportFiles.Header, $"y-{who}-{w.Mine.Tag}@test.hesh,Ann,Lee,,,,"));
        var committed = await host.Call<UserImport, Result<ImportReport>>(s => s.CommitAsync(actor, preview));

        Assert.Equal("Only an administrator can import users.", previewed.Error);
        Assert.Equal("Only an administrator can import users.", committed.Error);
        Assert.Equal(before, await FingerprintAsync(w));
    }

    [Fact]
    public async Task A_crafted_preview_holding_another_companys_department_id_creates_nobody()
    {
        var w = await WorldAsync();
        var before = await FingerprintAsync(w);
        var people = new[] { new NewPerson($"crafted-{w.Mine.Tag}@test.hesh", "Ann", "Lee", null, null, w.TheirDepartment) };
        var owner = (await host.Call<CurrentActorLoader, Hesh.Core.Permissions.Actor?>(a => a.LoadAsync(w.Mine.OwnerId)))!;

        var result = await host.Call<UserBatch, Result<BatchResult>>(b => b.CreateAsync(BatchCaller.For(owner), people, UserImport.Source, true, CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.Equal(BatchFields.Department, result.Value!.Errors.Single().Field);
        Assert.Equal(before, await FingerprintAsync(w));
    }

    public static TheoryData<string> Downloads => ["/users/export.csv", "/users/export.xlsx", "/users/import/template.csv", "/users/import/template.xlsx",
        "/users/import/reports/0123456789abcdef0123456789abcdef.csv"];

    [Theory]
    [MemberData(nameof(Downloads))]
    public async Task Downloads_signed_out_are_sent_to_sign_in_and_change_nothing(string path)
    {
        var w = await WorldAsync();
        using var anonymous = new BrowserSession(host);
        var before = await FingerprintAsync(w);

        var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
        Assert.Equal(before, await FingerprintAsync(w));
    }

    [Theory]
    [MemberData(nameof(Downloads))]
    public async Task Downloads_are_not_found_for_a_user_without_the_right(string path)
    {
        var w = await WorldAsync();
        using var session = await host.SignedInAsync(w.Member.Email!);
        var before = await FingerprintAsync(w);

        var response = await session.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Email,First name", body);
        Assert.Equal(before, await FingerprintAsync(w));
    }

    [Theory]
    [InlineData("/users/export.csv", true)]
    [InlineData("/users/import/template.csv", false)]
    public async Task A_holder_of_users_permissions_may_export_the_list_but_not_import(string path, bool allowed)
    {
        var w = await WorldAsync();
        using var session = await host.SignedInAsync(w.Holder.Email!);

        var response = await session.GetAsync(path);

        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/users/export.csv")]
    [InlineData("/users/export.csv?q=theirs")]
    [InlineData("/users/export.xlsx?q=owner")]
    [InlineData("/users/export.csv?department={theirs}")]
    [InlineData("/users/export.csv?status=999&department=nonsense&position=%00&signin=never")]
    public async Task Export_holds_only_the_admins_own_company_whatever_the_filter(string path)
    {
        var w = await WorldAsync();
        using var session = await host.SignedInAsync(w.Mine.OwnerEmail);
        var before = await FingerprintAsync(w);

        var response = await session.GetAsync(path.Replace("{theirs}", w.TheirDepartment.ToString()));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var table = path.Contains(".xlsx") ? await ImportFiles.ReadOkAsync(new MemoryStream(bytes), "x.xlsx") : null;
        var text = table is null ? System.Text.Encoding.UTF8.GetString(bytes) : string.Join("\n", table.Rows.Select(r => r.Get(ImportColumn.Email)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(w.Theirs.Tag, text);
        Assert.Equal(before, await FingerprintAsync(w));
    }

    [Theory]
    [InlineData("/users/export.pdf")]
    [InlineData("/users/import/template.exe")]
    [InlineData("/users/import/reports/..%2F..%2Fetc.csv")]
    [InlineData("/users/import/reports/nonsense.csv")]
    public async Task Other_formats_and_made_up_report_ids_are_not_found(string path)
    {
        var w = await WorldAsync();
        using var session = await host.SignedInAsync(w.Mine.OwnerEmail);

        var response = await session.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_report_is_not_found_for_an_admin_of_another_company_even_with_its_id()
    {
        var w = await WorldAsync();
        var report = new ImportReport("x.csv", DateTime.UtcNow, [new ImportReportRow(2, $"secret-{w.Mine.Tag}@test.hesh", ReportOutcome.Created, "Invited", "id")], 0);
        var id = host.Services.GetRequiredService<ImportReports>().Keep(w.Mine.OwnerId, report);
        using var session = await host.SignedInAsync(w.Theirs.OwnerEmail);

        var response = await session.GetAsync($"/users/import/reports/{id}.csv");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("secret-", await response.Content.ReadAsStringAsync());
    }
}
