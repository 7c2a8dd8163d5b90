using System.Globalization;
using System.Text;
using System.Text.Json;
using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Common.Localization;
using Hesh.Core.Email;
using Hesh.Core.Permissions;
using Hesh.Core.TwoFactor;
using Hesh.Core.Users.Import;

namespace Hesh.Tests.Localization;

/// <summary>
/// What Core writes for people outside a page — emails, audit titles, live notices, CSV files — is in the reader's or
/// the recipient's language, and the English stays as it always read.
/// </summary>
public sealed class CoreOutputsLocalisedTests : IDisposable
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("uk");
    private readonly CultureInfo _ui = CultureInfo.CurrentUICulture;
    private readonly CultureInfo _format = CultureInfo.CurrentCulture;

    private static void Speak(CultureInfo culture)
    {
        CultureInfo.CurrentUICulture = culture;
        CultureInfo.CurrentCulture = culture;
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _ui;
        CultureInfo.CurrentCulture = _format;
    }

    // ---- Emails: the recipient's language, whoever sends ----

    [Fact]
    public void AnEmail_IsWrittenInTheRecipientsLanguage_NotTheSendersOne()
    {
        Speak(En);   // an English-speaking admin resets the password of a Ukrainian-speaking person
        var mail = EmailTemplates.PasswordReset("olena@test.hesh", "Олена", "https://hesh.test/reset", EmailLanguage.For("uk", null));

        Assert.Equal("Скидання пароля Hesh", mail.Subject);
        Assert.StartsWith("Вітаємо, Олена!", mail.Text);
        Assert.Contains("Скинути пароль: https://hesh.test/reset", mail.Text);
        Assert.Contains("Або відкрийте це посилання:", mail.Html);
        Assert.Equal(En, CultureInfo.CurrentUICulture);   // the sender's language is put back
    }

    [Fact]
    public void AnEmail_InEnglish_ReadsExactlyAsBefore()
    {
        Speak(Uk);
        var at = new DateTime(2026, 3, 4, 5, 6, 0, DateTimeKind.Utc);
        var mail = EmailTemplates.OwnershipGiven("tom@test.hesh", "Tom", "Acme", "Anna Novak", at, "https://hesh.test", En);

        Assert.Equal("You transferred ownership of Acme", mail.Subject);
        Assert.Equal("Hello Tom,\n\nOn 2026-03-04 05:06 UTC you transferred ownership of Acme on Hesh to Anna Novak. You remain an administrator. " +
            "If this was not you, contact Anna Novak and change your password at once.\n\nOpen Hesh: https://hesh.test\n", mail.Text);
    }

    [Theory]
    [InlineData(null, "uk", null, "uk")]
    [InlineData("en", "uk", null, "en")]
    [InlineData(null, null, null, "en")]
    [InlineData(null, null, "uk-UA", "uk")]
    [InlineData("fr", null, null, "en")]
    public void TheEmailLanguage_IsThePersons_ElseTheCompanys_ElseTheFallback_ElseEnglish(string? personal, string? company, string? fallback, string expected) =>
        Assert.Equal(expected, EmailLanguage.For(personal, company, fallback).Name);

    [Fact]
    public void AnInvitation_ToSomeoneWhoNeverChose_FollowsTheCompany_ElseTheInvitersLanguage()
    {
        Speak(Uk);
        Assert.Equal("uk", EmailLanguage.ForInvitee(null, null).Name);
        Assert.Equal("en", EmailLanguage.ForInvitee(null, "en").Name);
        var mail = EmailTemplates.Invitation("ann@test.hesh", "Анна", "Acme", "https://hesh.test/i", EmailLanguage.ForInvitee(null, null));
        Assert.Equal("Вас запрошено до компанії «Acme» в Hesh", mail.Subject);
    }

    [Theory]
    [InlineData("en", 1, "within 1 day;")]
    [InlineData("en", 7, "within 7 days;")]
    [InlineData("uk", 1, "протягом 1 дня;")]
    [InlineData("uk", 3, "протягом 3 днів;")]
    [InlineData("uk", 21, "протягом 21 дня;")]
    public void TheTwoFactorEmail_CountsItsDays_InTheRecipientsLanguage(string language, int days, string expected)
    {
        var mail = TwoFactorEmails.Required("a@test.hesh", "Ann", "Acme", "everyone", days, "https://hesh.test", CultureInfo.GetCultureInfo(language));
        Assert.Contains(expected, mail.Text);
        if (language == "uk")
        {
            Assert.Contains("для всіх", mail.Text);
        }
    }

    // ---- The audit log: titles and files in the reader's language; What as written ----

    [Fact]
    public void EveryAuditTitle_HasItsUkrainianWords_AndEnglishStaysAsItWas()
    {
        Speak(Uk);
        Assert.Equal("Дозвіл надано", AuditAction.PermissionGranted.Title());
        var ukrainian = Enum.GetValues<AuditAction>().Select(a => a.Title()).ToList();
        Speak(En);
        var english = Enum.GetValues<AuditAction>().Select(a => a.Title()).ToList();
        Assert.Equal("Permission granted", AuditAction.PermissionGranted.Title());
        Assert.All(ukrainian.Zip(english), pair => Assert.NotEqual(pair.Second, pair.First));
    }

    [Fact]
    public void TheAuditCsv_HasUkrainianHeadersAndTitles_ButKeepsWhatWasWritten()
    {
        Speak(Uk);
        var row = new AuditRow(1, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), "Tom", "u1", "Anna", AuditAction.AdminGranted, "Administrator", "No", "Yes");
        var csv = AuditQueries.LogCsv([row], TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv"));

        Assert.StartsWith("Коли (Europe/Kyiv),Хто,Кого,Зміна,Що,Що змінилося,До,Після\r\n", csv);
        Assert.Contains("2026-01-02 05:04:05,Tom,Anna,Призначено адміністратором,Administrator,No → Yes,No,Yes", csv);
        Assert.StartsWith("Коли (UTC),Хто,Джерело,", AuditQueries.HistoryCsv([], TimeZoneInfo.Utc));
    }

    [Fact]
    public void ThePermissionsGainedInAnAuditEntry_ReadInTheReadersLanguage()
    {
        Speak(Uk);
        var change = AuditChange.Of(AuditAction.PermissionGranted, "Web access · Products edit", "Products view", "Products view, Products edit");
        Assert.Equal("+ " + PermissionCatalog.Get(PermissionKey.ProductsEdit).Name() + " (веб)", change.Text);
        Speak(En);
        Assert.Equal("+ Products edit (web)", AuditChange.Of(AuditAction.PermissionGranted, "Web access · Products edit", "Products view", "Products view, Products edit").Text);
    }

    // ---- Live notices: said by the publisher, worded by the receiver ----

    private static AuditEntry Entry() => new() { CompanyId = Guid.NewGuid(), ActorId = "admin", ActorName = "Tom", SubjectId = "anna", SubjectName = "Anna" };

    [Fact]
    public void ALiveNotice_PublishedByAnEnglishSpeaker_IsWordedForAUkrainianReceiver()
    {
        Speak(En);
        var change = Entry().Announce(AccessChangeKind.Ownership, $"Ownership transferred to {"Anna Novak"}").Announcements.Single();
        Assert.Equal("Ownership transferred to Anna Novak", change.Summary);   // the English, as the contract and logs have it

        Speak(Uk);
        Assert.Equal("права власника передано користувачу Anna Novak", change.Words());
        Speak(En);
        Assert.Equal("Ownership transferred to Anna Novak", change.Words());
    }

    [Fact]
    public void ALiveNotice_PublishedByAUkrainianSpeaker_StillCarriesEnglish_AndItsWordsAreTheReceivers()
    {
        Speak(Uk);
        var title = PermissionCatalog.Get(PermissionKey.Analytics).Title;
        var change = Entry().Announce(AccessChangeKind.Permissions, $"{title} ({Platform.Web.Title().ToLowerInvariant()}) switched {"on"}").Announcements.Single();

        Assert.Equal("Analytics (web access) switched on", change.Summary);
        Assert.Equal($"«{PermissionCatalog.Get(PermissionKey.Analytics).Name()}» (веб-доступ) — увімкнено", change.Words());
        Speak(En);
        Assert.Equal("Analytics (web access) switched on", change.Words());
    }

    [Fact]
    public void ALiveNotice_WithoutValues_IsItsOwnKey_AndAnUnknownOneStaysEnglish()
    {
        Speak(Uk);
        var entry = Entry().Announce(AccessChangeKind.TwoFactor, "a passkey was added").Announce(AccessChangeKind.Status, "something new");
        Assert.Equal("додано ключ доступу", entry.Announcements[0].Words());
        Assert.Equal("something new", entry.Announcements[1].Words());
    }

    [Fact]
    public void ALiveNoticesShape_TravelsBetweenNodes()
    {
        var change = Entry().Announce(AccessChangeKind.Ownership, $"Ownership transferred to {"Anna"}").Announcements.Single();
        var back = JsonSerializer.Deserialize<AccessChanged>(JsonSerializer.Serialize(change))!;

        Assert.Equal(change.Summary, back.Summary);
        Assert.Equal("Ownership transferred to {0}", back.Format);
        Assert.Equal(["Anna"], back.Arguments!);
        Speak(Uk);
        Assert.Equal("права власника передано користувачу Anna", back.Words());
    }

    private static readonly TimeZoneInfo Kyiv = TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv");

    [Fact]
    public void ATimeInALiveNotice_IsOnTheReadersClock_InTheirLanguage_AndTheEnglishSentenceKeepsUtc()
    {
        var end = new DateTime(2026, 12, 2, 18, 0, 0, DateTimeKind.Utc);
        var change = Entry().Announce(AccessChangeKind.Permissions,
            $"Your temporary access to {"Analytics"} now ends at {Hesh.Core.Grants.TemporaryAccessService.Stamp(end)}").Announcements.Single();

        Assert.Equal("Your temporary access to Analytics now ends at 18:00 UTC on 2 Dec 2026", change.Summary);
        Speak(Uk);
        var date = new DateTime(2026, 12, 2).ToString("d MMM yyyy", Uk);
        Assert.Equal($"ваш тимчасовий доступ до «{PermissionCatalog.Get(PermissionKey.Analytics).Name()}» тепер завершується {date} о 20:00 Kyiv (UTC+2)",
            change.Words(Kyiv));
        Assert.Contains($"{date} о 18:00 UTC", change.Words());   // no zone known: UTC, named so
        Speak(En);
        Assert.Equal("Your temporary access to Analytics now ends at 20:00 Kyiv (UTC+2) on 2 Dec 2026", change.Words(Kyiv));
        Assert.Equal(change.Summary, change.Words());
    }

    [Fact]
    public void WhatARequestAsksFor_IsWordedWhole_AndANameThatMerelyLooksLikeItStaysAName()
    {
        Speak(Uk);
        var level = $"{PermissionCatalog.Get(PermissionKey.TaskEditLevel).Name()}: {TaskScope.AllDepartments.Name()}";

        Assert.Equal($"{level} (мобільний)", LiveWords.Word(Hesh.Core.AccessRequests.AccessRequestRules.WhatOn(Platform.Mobile, PermissionKey.TaskEditLevel, TaskScope.AllDepartments)));
        Assert.Equal($"{PermissionCatalog.Get(PermissionKey.Analytics).Name()} (мобільний)", LiveWords.Word("Analytics (mobile)"));
        Assert.Equal("Bob (mobile)", LiveWords.Word("Bob (mobile)"));
        Assert.Equal("Task edit level: Bob", LiveWords.Word("Task edit level: Bob"));
    }

    // ---- The import template and files ----

    [Fact]
    public void TheImportTemplate_DownloadedInUkrainian_HasUkrainianHeaders()
    {
        Speak(Uk);
        Assert.StartsWith("Електронна пошта,Ім’я,Прізвище,Телефон,Зовнішній ID,Відділ,Посада\r\n", UserImport.TemplateCsv());
        Assert.Equal("Електронна пошта", UserFiles.ExportHeader(TimeZoneInfo.Utc)[0]);
        Assert.Equal(["Створено (Europe/Kyiv)", "Останній вхід (Europe/Kyiv)"], UserFiles.ExportHeader(TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv")).TakeLast(2));
        Speak(En);
        Assert.StartsWith("Email,First name,Last name,Phone,External id,Department,Position\r\n", UserImport.TemplateCsv());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("uk")]
    public async Task AUkrainianTemplate_Imports_WhateverTheUploadersLanguage(string uploader)
    {
        Speak(Uk);
        var template = UserImport.TemplateCsv();
        var workbook = UserImport.TemplateXlsx();
        Speak(CultureInfo.GetCultureInfo(uploader));

        foreach (var (file, name) in new[] { (Encoding.UTF8.GetBytes(template), "template.csv"), (workbook, "template.xlsx") })
        {
            var table = await ImportFile.ReadAsync(new MemoryStream(file), name);
            Assert.True(table.Succeeded, table.Error);
            var row = Assert.Single(table.Value!.Rows);
            Assert.Equal("ada.lovelace@example.com", row.Get(ImportColumn.Email));
            Assert.Equal("Lovelace", row.Get(ImportColumn.LastName));
            Assert.Equal("Welder", row.Get(ImportColumn.Position));
            Assert.Empty(table.Value.IgnoredColumns);
        }
    }

    [Fact]
    public async Task AnImportFilesRefusal_ComesBackInTheReadersLanguage()
    {
        Speak(Uk);
        var empty = await ImportFile.ReadAsync(new MemoryStream(), "people.csv");
        Assert.Equal("Файл порожній.", empty.Error);
        var missing = await ImportFile.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("Email,Phone\r\na@test.hesh,1\r\n")), "people.csv");
        Assert.StartsWith("Перший рядок має містити назви стовпців; бракує стовпців «Ім’я», «Прізвище».", missing.Error);
        Assert.DoesNotContain("5,000", ImportFile.TooManyRows);   // the number in the reader's culture, not English
        Speak(En);
        Assert.Equal("The file is empty.", (await ImportFile.ReadAsync(new MemoryStream(), "people.csv")).Error);
    }
}
