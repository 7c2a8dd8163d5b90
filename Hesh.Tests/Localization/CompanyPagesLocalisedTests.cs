using System.Collections.Concurrent;
using System.Globalization;
using Bunit;
using Hesh.Core.AccessRequests;
using Hesh.Core.Common.Localization;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.AccessRequests;
using Hesh.Web.Components.Pages.Company;
using Hesh.Web.Components.Pages.Company.Webhooks;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Hesh.Tests.Localization;

/// <summary>The company's pages and the access-request list, in English and in Ukrainian: the words change, and no lookup comes back as a bare key.</summary>
public sealed class CompanyPagesLocalisedTests : LocalisedComponentTest
{
    public CompanyPagesLocalisedTests()
    {
        Services.AddSingleton<Hesh.Core.Webhooks.IWebhookSecrets, Hesh.Web.Webhooks.DataProtectionWebhookSecrets>();
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Theory]
    [InlineData("en", "Company profile", "Company name", "Sign-in security", "No webhooks yet")]
    [InlineData("uk", "Профіль компанії", "Назва компанії", "Безпека входу", "Вебхуків ще немає")]
    public async Task CompanyProfile_SpeaksTheReadersLanguage_InEverySection(string language, string title, string name, string security, string noWebhooks)
    {
        var (owner, _) = await SeedCompanyAsync("Olena");
        SignInAs(owner.Id);
        Speak(language);
        Render<MudPopoverProvider>();

        var page = Render<CompanyProfilePage>();
        page.WaitForElement("[data-testid=webhooks-empty]");
        page.WaitForElement("[data-testid=security-policy] [data-testid=policy-choice]");

        Assert.Contains(title, page.Find("h1").TextContent);
        Assert.Contains(name, page.Markup);
        Assert.Contains(security, page.Find("[data-testid=security-policy] h2").TextContent);
        Assert.Contains(noWebhooks, page.Find("[data-testid=webhooks-empty]").TextContent);
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en", "Departments & positions", "Add department", "Move Assembly", "Rename Welder")]
    [InlineData("uk", "Відділи та посади", "Додати відділ", "Перемістити «Assembly»", "Перейменувати «Welder»")]
    public async Task Departments_SpeaksTheReadersLanguage_InHeadingsButtonsAndAccessibleNames(string language, string title, string add, string move, string rename)
    {
        var (owner, _) = await SeedCompanyAsync("Petro");
        await WithDbAsync(async s =>
        {
            var positions = s.GetRequiredService<PositionService>();
            await positions.AddDepartmentAsync(owner.Id, "Assembly", null);
            return await positions.AddPositionAsync(owner.Id, "Welder");
        });
        SignInAs(owner.Id);
        Speak(language);
        Render<MudPopoverProvider>();

        var page = Render<DepartmentsPage>();
        page.WaitForElement("[data-testid=position-row]");

        Assert.Contains(title, page.Find("h1").TextContent);
        Assert.Contains(add, page.Find("[data-testid=add-department]").TextContent);
        Assert.Contains(page.FindAll("button.mud-icon-button"), b => b.GetAttribute("aria-label") == rename);
        Assert.Contains(move, page.Markup);
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en", "Add webhook", "Endpoint URL", "Cancel")]
    [InlineData("uk", "Додати вебхук", "URL кінцевої точки", "Скасувати")]
    public async Task WebhookDialog_SpeaksTheReadersLanguage(string language, string title, string url, string cancel)
    {
        Speak(language);
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();

        await provider.InvokeAsync(() => dialogs.ShowAsync<WebhookDialog>(title, new DialogOptions()));

        provider.WaitForAssertion(() => Assert.Contains(cancel, provider.Find(".mud-dialog-actions").TextContent));
        Assert.Contains(title, provider.Find("h2").TextContent);
        Assert.Contains(url, provider.Markup);
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en", "asks for", "Approve", "Decline", "Approve Anna Novak: Analytics")]
    [InlineData("uk", "просить", "Схвалити", "Відхилити", "Схвалити для Anna Novak: Analytics")]
    public void AccessRequestList_SpeaksTheReadersLanguage_AndStillEncodesNames(string language, string asks, string approve, string decline, string approveLabel)
    {
        Speak(language);
        var row = new AccessRequestRow(Guid.NewGuid(), "u1", "Anna Novak", Platform.Web, PermissionKey.Analytics, null, "Analytics", "Monthly report",
            60, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddDays(7));
        var evil = row with { Id = Guid.NewGuid(), UserName = "<script>x</script>" };

        var list = Render<AccessRequestList>(p => p.Add(l => l.Rows, [row, evil]));

        var first = list.FindAll("[data-testid=request-row]")[0];
        Assert.Contains(asks, first.TextContent);
        Assert.Equal("Anna Novak", first.QuerySelector("strong")!.TextContent);
        Assert.Contains(approve, first.QuerySelector("[data-testid=approve]")!.TextContent);
        Assert.Contains(decline, first.QuerySelector("[data-testid=decline]")!.TextContent);
        Assert.Equal(approveLabel, first.QuerySelector("[data-testid=approve]")!.GetAttribute("aria-label"));
        Assert.Empty(list.FindAll("script"));
        Assert.Contains("<script>x</script>", list.FindAll("[data-testid=request-row]")[1].QuerySelector("strong")!.TextContent);
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en", 2, "Access requests, 2 waiting")]
    [InlineData("uk", 2, "Запити на доступ: 2 чекають")]
    [InlineData("uk", 1, "Запити на доступ: 1 чекає")]
    public async Task Bell_NamesTheWaitingCount_InTheReadersLanguageAndPlural(string language, int waiting, string label)
    {
        var (owner, people) = await SeedCompanyAsync("Oksana", ("Anna", "Novak", false, null), ("Boris", "Brown", false, null));
        foreach (var person in people.Take(waiting))
        {
            await WithDbAsync(s => s.GetRequiredService<AccessRequestService>().CreateAsync(person.Id, new AccessRequestInput(PermissionKey.Analytics, null, 60)));
        }
        SignInAs(owner.Id);
        Speak(language);
        Render<MudPopoverProvider>();

        var bell = Render<AccessRequestBell>();

        bell.WaitForAssertion(() => Assert.Equal(label, bell.Find("[data-testid=requests-bell]").GetAttribute("aria-label")));
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData(1, "1 користувач")]
    [InlineData(2, "2 користувачі")]
    [InlineData(4, "4 користувачі")]
    [InlineData(5, "5 користувачів")]
    [InlineData(11, "11 користувачів")]
    [InlineData(21, "21 користувач")]
    [InlineData(22, "22 користувачі")]
    public void DepartmentUserCounts_UseTheUkrainianPluralForms_OneFewMany(int count, string expected)
    {
        Speak("uk");
        var localizer = Lookups.Create(typeof(DepartmentsPage));

        Assert.Equal(expected, localizer.Plural("Users", count));
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData(1, "1 user")]
    [InlineData(3, "3 users")]
    public void DepartmentUserCounts_InEnglish_StayAsTheyWere(int count, string expected)
    {
        Speak("en");
        Assert.Equal(expected, Lookups.Create(typeof(DepartmentsPage)).Plural("Users", count));
    }
}
