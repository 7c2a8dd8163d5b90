using System.Collections.Concurrent;
using System.Globalization;
using Bunit;
using Hesh.Tests.Productions;
using Hesh.Web.Components.Pages;
using Hesh.Web.Components.Pages.Analytics;
using Hesh.Web.Components.Pages.Products;
using Hesh.Web.Components.Pages.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using ProductionPage = Hesh.Web.Components.Pages.Productions.ProductionPage;
using ProductionsPage = Hesh.Web.Components.Pages.Productions.ProductionsPage;

namespace Hesh.Tests.Localization;

/// <summary>
/// The product, production, task, analytics and overview screens in English and in Ukrainian: the words change
/// (plurals by the Ukrainian rule, statuses a word per value), and no lookup comes back as a bare key.
/// </summary>
public sealed class ProductionScreensLocalisedTests : ProductionsComponentTest
{
    private readonly RecordingLocalizers _lookups = new();
    private readonly CultureInfo _before = CultureInfo.CurrentUICulture;
    private readonly CultureInfo _beforeFormat = CultureInfo.CurrentCulture;

    public ProductionScreensLocalisedTests()
    {
        Services.AddSingleton<IStringLocalizerFactory>(_lookups);
        // The overview's "Online now" reads who is connected.
        Services.AddSingleton<Hesh.Core.Overview.IOnlinePeople, Hesh.Web.Live.OnlinePeople>();
    }

    private static void Speak(string language)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(language);
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentUICulture = _before;
        CultureInfo.CurrentCulture = _beforeFormat;
        base.Dispose(disposing);
    }

    [Theory]
    [InlineData("en", "Products", "New product", "2 steps", "Version 1")]
    [InlineData("uk", "Продукти", "Новий продукт", "2 кроки", "Версія 1")]
    public async Task ProductsList_SpeaksTheReadersLanguage_WithTheStepCountInItsPluralForm(string language, string heading, string create, string steps, string version)
    {
        var (owner, _) = await SeedCompanyAsync("Pat");
        await ProductAsync(owner.Id, "Cut", "Weld");
        SignInAs(owner.Id);
        Speak(language);
        Render<MudPopoverProvider>();

        var page = Render<ProductsPage>();
        page.WaitForElement("[data-testid=product-card]", Live);

        Assert.Equal(heading, page.Find("h1").TextContent.Trim());
        Assert.Contains(create, page.Find("[data-testid=new-product]").TextContent);
        var card = page.Find("[data-testid=product-card]").TextContent;
        Assert.Contains(steps, card);
        Assert.Contains(version, card);
        Assert.Empty(_lookups.Missing);
    }

    [Theory]
    [InlineData("en", "Publish version", "Task template", "Published versions", "2 steps")]
    [InlineData("uk", "Опублікувати версію", "Шаблон завдань", "Опубліковані версії", "2 кроки")]
    public async Task ProductPage_SpeaksTheReadersLanguage(string language, string publish, string template, string versions, string steps)
    {
        var (owner, _) = await SeedCompanyAsync("Pat");
        var id = await ProductAsync(owner.Id, "Cut", "Weld");
        SignInAs(owner.Id);
        Speak(language);
        Render<MudPopoverProvider>();

        var page = Render<ProductPage>(p => p.Add(x => x.ProductId, id));
        page.WaitForElement("[data-testid=version-row]", Live);

        Assert.Contains(publish, page.Find("[data-testid=product-publish]").TextContent);
        Assert.Contains(template, page.Markup);
        Assert.Contains(versions, page.Markup);
        Assert.Contains(steps, page.Find("[data-testid=version-row]").TextContent);
        Assert.Empty(_lookups.Missing);
    }

    [Theory]
    [InlineData("en", "To do", "Start", "Delete", "Reward", "In queue", "1 / 3 tasks")]
    [InlineData("uk", "До виконання", "Почати", "Видалити", "Винагорода", "У черзі", "1 / 3 завдання")]
    public async Task ProductionPage_SpeaksTheReadersLanguage_StatusActionsAndTaskTable(string language, string status, string start, string delete, string reward, string queued, string progress)
    {
        var (owner, _) = await SeedCompanyAsync("Tom");
        var (id, tasks) = await LaunchAsync(owner.Id, "Cut", "Weld", "Paint");
        await WorkAsync(s => s.StartAsync(owner.Id, tasks[0]));
        await WorkAsync(s => s.FinishAsync(owner.Id, tasks[0]));
        var (fresh, _) = await LaunchAsync(owner.Id, "Cut");
        SignInAs(owner.Id);
        Speak(language);
        Render<MudPopoverProvider>();

        var page = Render<ProductionPage>(p => p.Add(x => x.ProductionId, id));
        page.WaitForElement("[data-testid=production-tasks]", Live);
        var other = Render<ProductionPage>(p => p.Add(x => x.ProductionId, fresh));
        other.WaitForElement("[data-testid=production-tasks]", Live);

        Assert.Contains(status, other.Find("[data-testid=production-status]").TextContent);
        Assert.Contains(start, other.Find("[data-testid=production-Start]").TextContent);
        Assert.Contains(delete, other.Find("[data-testid=production-delete]").TextContent);
        var table = page.Find("[data-testid=production-tasks]").TextContent;
        Assert.Contains(reward, table);
        Assert.Contains(queued, table);
        Assert.Contains(progress, page.Markup);
        Assert.Empty(_lookups.Missing);
    }

    [Theory]
    [InlineData("en", "Productions", "New production", "Progress")]
    [InlineData("uk", "Виробництва", "Нове виробництво", "Прогрес")]
    public async Task ProductionsList_SpeaksTheReadersLanguage(string language, string heading, string create, string progress)
    {
        var (owner, _) = await SeedCompanyAsync("Tom");
        await LaunchAsync(owner.Id, "Cut");
        SignInAs(owner.Id);
        Speak(language);
        Render<MudPopoverProvider>();

        var page = Render<ProductionsPage>();
        page.WaitForElement("[data-testid=productions-table]", Live);

        Assert.Equal(heading, page.Find("h1").TextContent.Trim());
        Assert.Contains(create, page.Find("[data-testid=new-production]").TextContent);
        Assert.Contains(progress, page.Find("[data-testid=productions-table]").TextContent);
        Assert.Empty(_lookups.Missing);
    }

    [Theory]
    [InlineData("en", "Tasks", "Assignee", "Done", "Unlock", "Fail")]
    [InlineData("uk", "Завдання", "Виконавець", "Виконано", "Розблокувати", "Невдача")]
    public async Task TaskTable_SpeaksTheReadersLanguage_HeadersStatusesAndActions(string language, string heading, string assignee, string done, string unlock, string fail)
    {
        var (owner, _) = await SeedCompanyAsync("Tara");
        var (_, tasks) = await LaunchAsync(owner.Id, "Cut", "Weld", "Paint");
        await WorkAsync(s => s.StartAsync(owner.Id, tasks[0]));
        await WorkAsync(s => s.FinishAsync(owner.Id, tasks[0]));
        SignInAs(owner.Id);
        Speak(language);
        Render<MudPopoverProvider>();

        var page = Render<TasksPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=task-status]").Count), Live);

        Assert.Equal(heading, page.Find("h1").TextContent.Trim());
        var table = page.Find("[data-testid=task-table]").TextContent;
        Assert.Contains(assignee, table);
        Assert.Contains(page.FindAll("[data-testid=task-status]"), chip => chip.TextContent.Trim() == done);
        Assert.Contains(unlock, page.Find("[data-testid=task-unlock]").TextContent);
        Assert.Contains(fail, page.Find("[data-testid=task-fail]").TextContent);
        Assert.Empty(_lookups.Missing);
    }

    [Theory]
    [InlineData("en", "My tasks", "Start", "In queue", "Production")]
    [InlineData("uk", "Мої завдання", "Почати", "У черзі", "Виробництво")]
    public async Task MyTasks_SpeaksTheReadersLanguage(string language, string heading, string start, string queued, string production)
    {
        var (owner, people) = await SeedCompanyAsync("Tom", ("Petra", "Welder", false, null));
        var (_, tasks) = await LaunchAsync(owner.Id, "Cut", "Weld");
        await WorkAsync(s => s.AssignAsync(owner.Id, tasks, people[0].Id));
        SignInAs(people[0].Id);
        Speak(language);
        Render<MudPopoverProvider>();

        var page = Render<MyTasksPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=task-status]").Count), Live);

        Assert.Equal(heading, page.Find("h1").TextContent.Trim());
        Assert.Contains(start, page.Find("[data-testid=task-start]").TextContent);
        Assert.Contains(queued, page.Find("[data-testid=task-queued]").TextContent);
        Assert.Contains(production, page.Find("[data-testid=my-tasks]").TextContent);
        Assert.Empty(_lookups.Missing);
    }

    [Theory]
    [InlineData("en", "Productions by status", "7 days", "Show as a table", "Share")]
    [InlineData("uk", "Виробництва за статусом", "7 днів", "Показати як таблицю", "Частка")]
    public async Task Analytics_SpeaksTheReadersLanguage_RangeButtonsInTheirPluralForm(string language, string title, string week, string showTable, string share)
    {
        var (owner, _) = await SeedCompanyAsync("Ana");
        await LaunchAsync(owner.Id, "Weld");
        SignInAs(owner.Id);
        Speak(language);
        Render<MudPopoverProvider>();

        var page = Render<AnalyticsPage>();
        page.WaitForElement("[data-testid=chart-productions]", Live);

        Assert.Contains(title, page.Find("[data-testid=chart-productions]").TextContent);
        Assert.Contains(week, page.Find("[data-testid=range-7]").TextContent);
        Assert.Contains(showTable, page.Find("[data-testid=tasks-details]").TextContent);
        Assert.Contains(share, page.Find("[data-testid=productions-table]").TextContent);
        Assert.Empty(_lookups.Missing);
    }

    [Theory]
    [InlineData("en", "Overview", "Your work", "My profile")]
    [InlineData("uk", "Огляд", "Ваша робота", "Мій профіль")]
    public async Task Overview_SpeaksTheReadersLanguage(string language, string heading, string mine, string profile)
    {
        var (owner, _) = await SeedCompanyAsync("Olga");
        SignInAs(owner.Id);
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        Speak(language);

        var page = Render<Home>();
        page.WaitForElement("[data-testid=overview-mine]", Live);

        Assert.Equal(heading, page.Find("h1").TextContent.Trim());
        Assert.Contains(mine, page.Find("[data-testid=overview-mine]").TextContent);
        Assert.Contains(profile, page.Find("[data-testid=overview-mine]").TextContent);
        Assert.Empty(_lookups.Missing);
    }

    [Theory]
    [InlineData(1, "1 крок")]
    [InlineData(3, "3 кроки")]
    [InlineData(5, "5 кроків")]
    [InlineData(11, "11 кроків")]
    [InlineData(21, "21 крок")]
    public void UkrainianStepCounts_FollowTheOneFewManyRule(int steps, string expected)
    {
        Speak("uk");
        var localizer = _lookups.Create(typeof(ProductsPage));

        Assert.Equal(expected, Hesh.Core.Common.Localization.PluralExtensions.Plural(localizer, "Steps", steps));
        Assert.Empty(_lookups.Missing);
    }
}
