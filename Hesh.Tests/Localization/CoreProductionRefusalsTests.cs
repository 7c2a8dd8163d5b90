using System.Globalization;
using Hesh.Core.Analytics;
using Hesh.Core.ApiKeys;
using Hesh.Core.Common;
using Hesh.Core.DayOffs;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Core.SignIns;
using Hesh.Core.TwoFactor;
using Hesh.Core.Webhooks;

namespace Hesh.Tests.Localization;

/// <summary>
/// Core's refusals, reasons, validation messages and labels of products, productions, tasks, positions, day-offs, API
/// keys, webhooks, two-factor, analytics and sign-ins come back in the reader's language, read when asked (never
/// frozen by the first reader), with the English unchanged.
/// </summary>
public sealed class CoreProductionRefusalsTests : IDisposable
{
    private readonly CultureInfo _ui = CultureInfo.CurrentUICulture;
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _ui;
        CultureInfo.CurrentCulture = _culture;
    }

    private static void Speak(string language)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(language);
    }

    [Theory]
    [InlineData("en", "Add a step before publishing: each step becomes a task of every production.")]
    [InlineData("uk", "Перед публікацією додайте крок: кожен крок стає завданням кожного виробництва.")]
    public void ProductPublishReason_SpeaksTheReadersLanguage(string language, string expected)
    {
        Speak(language);
        Assert.Equal(expected, ProductRules.Publishable(0).Reason);
        Assert.Equal(expected, ProductRules.AddAStep);
    }

    [Fact]
    public void ACapabilityReason_IsReadWhenAsked_NotFrozenByTheFirstReader()
    {
        Speak("en");
        Assert.Equal("Reload the page.", ProductCapabilities.None.Edit.Reason);
        Assert.Equal("Reload the page.", TaskCapabilities.None.Start.Reason);
        Speak("uk");
        Assert.Equal("Оновіть сторінку.", ProductCapabilities.None.Edit.Reason);
        Assert.Equal("Оновіть сторінку.", TaskCapabilities.None.Start.Reason);
        Assert.Equal("Оновіть сторінку.", ProductionCapabilities.None.Delete.Reason);
    }

    [Theory]
    [InlineData("en", "Name is required.", "Basic reward must be between 0 and 1,000,000.")]
    [InlineData("uk", "Укажіть назву.", "Базова винагорода має бути від 0 до 1 000 000.")]
    public void ProductValidationMessages_SpeakTheReadersLanguage(string language, string name, string reward)
    {
        Speak(language);
        Assert.Equal(name, InputValidation.Validate(new ProductInput { Name = "" }).FieldErrors[nameof(ProductInput.Name)]);
        Assert.Equal(reward, InputValidation.Validate(new StepInput { Name = "Cut", BasicReward = -1 }).FieldErrors[nameof(StepInput.BasicReward)]);
    }

    [Theory]
    [InlineData("en", "Name must be at most 120 characters.")]
    [InlineData("uk", "Назва може мати щонайбільше 120 символів.")]
    public void ALengthLimit_KeepsItsNumber_InBothLanguages(string language, string expected)
    {
        Speak(language);
        var error = InputValidation.Validate(new ProductInput { Name = new string('a', Product.NameMaxLength + 1) }).FieldErrors[nameof(ProductInput.Name)];
        Assert.Equal(expected.Replace("120", Product.NameMaxLength.ToString(CultureInfo.InvariantCulture)), error);
    }

    [Theory]
    [InlineData("en", "The production is stopped; resume it first.", "A task that is on-hold cannot be started.", "On-Hold")]
    [InlineData("uk", "Виробництво зупинено; спершу відновіть його.", "Завдання зі статусом «призупинено» не можна розпочати.", "Призупинено")]
    public void TaskRefusals_SpeakTheReadersLanguage(string language, string stopped, string notStartable, string onHold)
    {
        Speak(language);
        Assert.Equal(stopped, TaskRules.CheckStart(WorkStatus.ToDo, false, ProductionStatus.Stopped));
        Assert.Equal(notStartable, TaskRules.CheckStart(WorkStatus.Done, false, ProductionStatus.InProgress)!.Replace("done", "on-hold").Replace("виконано", "призупинено"));
        Assert.Equal(onHold, TaskRules.Title(WorkStatus.OnHold));
    }

    [Theory]
    [InlineData("en", "You need the \"Tasks view\" permission for this.")]
    [InlineData("uk", "Для цього потрібен дозвіл «Перегляд завдань».")]
    public void APermissionNamedInARefusal_IsNamedInTheReadersLanguage(string language, string expected)
    {
        Speak(language);
        Assert.Equal(expected, TaskRules.NeedsPermission(Hesh.Core.Permissions.PermissionKey.TasksView));
    }

    [Fact]
    public void ProductionStatusName_IsLocalised_ButTitleStaysTheAuditLogsEnglish()
    {
        Speak("uk");
        Assert.Equal("У роботі", ProductionStatus.InProgress.Name());
        Assert.Equal("Зі складу", ProductionAction.FulfilFromStock.Name());
        Assert.Equal("In progress", ProductionStatus.InProgress.Title());
        Speak("en");
        Assert.Equal("In progress", ProductionStatus.InProgress.Name());
    }

    [Theory]
    [InlineData("en", 1, "1 user")]
    [InlineData("en", 3, "3 users")]
    [InlineData("uk", 1, "1 користувач")]
    [InlineData("uk", 21, "21 користувач")]
    [InlineData("uk", 2, "2 користувачі")]
    [InlineData("uk", 24, "24 користувачі")]
    [InlineData("uk", 5, "5 користувачів")]
    [InlineData("uk", 12, "12 користувачів")]
    public void UkrainianCounts_UseOneFewAndManyForms(string language, int n, string expected)
    {
        Speak(language);
        Assert.Equal(expected, Hesh.Core.Positions.Messages.Count(n, "{0} user", "{0} users"));
    }

    [Theory]
    [InlineData("en", 1, "Too many attempts from this address. Try again in 1 minute.")]
    [InlineData("en", 3, "Too many attempts from this address. Try again in 3 minutes.")]
    [InlineData("uk", 1, "Забагато спроб із цієї адреси. Спробуйте ще раз через 1 хвилину.")]
    [InlineData("uk", 3, "Забагато спроб із цієї адреси. Спробуйте ще раз через 3 хвилини.")]
    [InlineData("uk", 15, "Забагато спроб із цієї адреси. Спробуйте ще раз через 15 хвилин.")]
    public void SignInThrottleRefusal_SpeaksTheReadersLanguage_WithPluralMinutes(string language, int minutes, string expected)
    {
        Speak(language);
        Assert.Equal(expected, SignInThrottle.Describe(TimeSpan.FromMinutes(minutes)));
    }

    [Theory]
    [InlineData("en", "Wrong password", "Authenticator app")]
    [InlineData("uk", "Неправильний пароль", "Застосунок автентифікації")]
    public void SignInWords_SpeakTheReadersLanguage(string language, string outcome, string method)
    {
        Speak(language);
        Assert.Equal(outcome, SignInWords.Outcome(SignInOutcome.WrongPassword));
        Assert.Equal(method, SignInWords.Method(SignInMethod.Authenticator));
    }

    [Theory]
    [InlineData("en", 1, "1 day left")]
    [InlineData("en", 4, "4 days left")]
    [InlineData("uk", 1, "залишився 1 день")]
    [InlineData("uk", 4, "залишилося 4 дні")]
    [InlineData("uk", 7, "залишилося 7 днів")]
    public void TwoFactorDaysLeft_SpeaksTheReadersLanguage_WithPluralDays(string language, int days, string expected)
    {
        Speak(language);
        Assert.Equal(expected, new TwoFactorRequirement(RequirementState.InGrace, null, days).DaysLeftText);
    }

    [Fact]
    public void PasskeyNameRefusal_ComesBackInUkrainian()
    {
        Speak("uk");
        Assert.Equal("Дайте ключу доступу назву.", PasskeyService.CheckName(" ").Refusal);
        Assert.Equal("Цей ключ доступу не знайдено.", PasskeyService.NotFound.Error);
        Assert.Equal("Обов’язково для всіх", SecurityPolicyService.Name(TwoFactorPolicy.RequiredForEveryone));
        Assert.Equal("Required for everyone", SecurityPolicyService.Describe(TwoFactorPolicy.RequiredForEveryone));
    }

    [Theory]
    [InlineData("en", "The address must start with https://: events carry people's names.", "The address is a private address; webhooks only reach public internet addresses.")]
    [InlineData("uk", "Адреса має починатися з https://: події містять імена людей.", "Це приватна адреса; вебхуки надсилаються лише на публічні інтернет-адреси.")]
    public void WebhookAddressRefusals_SpeakTheReadersLanguage(string language, string http, string privateAddress)
    {
        Speak(language);
        Assert.Equal(http, WebhookAddressGuard.CheckUrl("http://erp.example.com/events", false, out _));
        Assert.Equal(privateAddress, WebhookAddressGuard.CheckUrl("https://10.0.0.1/events", false, out _));
    }

    [Fact]
    public void WebhookEventTitles_AreUkrainian_WhileTheirWireNamesStay()
    {
        Speak("uk");
        Assert.Equal("Користувача створено", WebhookEventTypes.Title(WebhookEvents.UserCreated));
        Assert.Equal("user.created", WebhookEventTypes.Name(WebhookEvents.UserCreated));
    }

    [Theory]
    [InlineData("en", "The day-off must end after it starts.")]
    [InlineData("uk", "Вихідний має закінчуватися пізніше, ніж починається.")]
    public void DayOffRefusal_SpeaksTheReadersLanguage(string language, string expected)
    {
        Speak(language);
        var at = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
        Assert.Equal(expected, DayOffRules.Check(at, at, []));
    }

    [Fact]
    public void ApiKeyExpiryChoices_AreUkrainian_WhenTheReaderIs()
    {
        Speak("uk");
        Assert.Equal(["Ніколи (до відкликання)", "Через 30 днів", "Через 90 днів", "Через 1 рік", "У певну дату…"], ApiKeyExpiries.Choices.Select(c => c.Label));
        Speak("en");
        Assert.Equal("Never (until revoked)", ApiKeyExpiries.Choices[0].Label);
    }

    [Theory]
    [InlineData("en", "Status,Productions", "Department,Failed tasks", "last 30 days")]
    [InlineData("uk", "Статус,Виробництва", "Відділ,Невдалі завдання", "останні 30 днів")]
    public void AnalyticsCsvHeaders_AndPeriod_SpeakTheReadersLanguage(string language, string statusHeader, string failuresHeader, string period)
    {
        Speak(language);
        var range = AnalyticsRange.Last(30, new DateOnly(2026, 12, 2));
        var report = new AnalyticsReport([new CountBy(ProductionStatus.Done.Name(), 3)], [], [], range, true);
        Assert.StartsWith(statusHeader + "\r\n", AnalyticsService.Csv(report, AnalyticsChart.ProductionsByStatus));
        Assert.StartsWith(failuresHeader + "\r\n", AnalyticsService.Csv(report, AnalyticsChart.FailuresPerDepartment));
        Assert.Equal(period, range.Title);
    }

    [Fact]
    public void ProductionRefusal_ComesBackInUkrainian_WithTheStatusAndActionNamed()
    {
        Speak("uk");
        Assert.Equal("Видалити можна лише виробництво, яке ще не розпочато. Натомість скасуйте його.", ProductionRules.OnlyToDoDeletes);
        Assert.Equal("Для цього потрібен дозвіл «Редагування виробництв».", ProductionRules.NeedsEdit);
    }
}
