using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Hesh.Core.Common.Localization;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Account;
using Hesh.Web.Components.Account.Pages.TwoFactor;
using Hesh.Web.Components.Pages;
using Hesh.Web.Components.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using Bunit;

namespace Hesh.Tests.Localization;

/// <summary>
/// The sign-in pages are static: their language is the request's (the browser's Accept-Language when signed out). Each
/// page speaks Ukrainian to a Ukrainian browser and English to an English one, its refusals and validation messages too.
/// </summary>
public sealed partial class AccountPagesLocalisedTests(AppHost host)
{
    private static async Task<(HttpStatusCode Status, string Html)> PageAsync(BrowserSession session, string path, string acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var response = await session.SendAsync(request);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Posts the page's form as a browser speaking <paramref name="acceptLanguage"/> would; returns the answer's HTML.</summary>
    private static async Task<string> PostAsync(BrowserSession session, string path, string formName, string acceptLanguage, Dictionary<string, string> fields)
    {
        var values = await session.ReadFormAsync(path, formName);
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(values) };
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var response = await session.SendAsync(request);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A lookup that found no resource shows its key ("Page.Title") where the words should be.</summary>
    private static void AssertNoBareKey(string html) => Assert.DoesNotMatch(BareKey(), html);

    [GeneratedRegex(@">\s*[A-Z][A-Za-z]+\.[A-Z][A-Za-z.]+\s*<")]
    private static partial Regex BareKey();

    public static TheoryData<string, string, string, string> SignedOutPages() => new()
    {
        { "/Account/Login", "Sign in · Hesh", "Вхід · Hesh", "Увійти з ключем доступу" },
        { "/Account/SignUp", "Create your company", "Створіть свою компанію", "Назва компанії" },
        { "/Account/ForgotPassword", "Forgot your password?", "Забули пароль?", "Надіслати посилання" },
        { "/Account/ForgotPasswordConfirmation", "Check your email", "Перевірте пошту", "Назад до входу" },
        { "/Account/Lockout", "Account locked", "Обліковий запис заблоковано", "заблоковано на 15 хвилин" },
        { "/Account/ResetPassword", "Choose a new password", "Виберіть новий пароль", "Попросити нове посилання" },
        { "/Account/ResetPasswordConfirmation", "Password reset", "Пароль скинуто", "Інші сеанси завершено." },
        { "/Account/SignUp/Sent", "Check your email", "Перевірте пошту", "посилання дійсне 24 години" },
        { "/Account/SignUp/Confirm", "Create your company", "Створіть свою компанію", "Зареєструватися ще раз" },
        { "/Account/Invitation", "Set your password", "Установіть пароль", "Перейти до входу" },
    };

    [Theory]
    [MemberData(nameof(SignedOutPages))]
    public async Task ASignedOutPage_SpeaksTheBrowsersUkrainian_AndItsEnglishToAnEnglishBrowser(string path, string english, string ukrainian, string moreUkrainian)
    {
        using var session = new BrowserSession(host);

        var (ukStatus, uk) = await PageAsync(session, path, "uk-UA,uk;q=0.9,en;q=0.5");
        var (enStatus, en) = await PageAsync(session, path, "en-US,en;q=0.9");

        Assert.Equal(HttpStatusCode.OK, ukStatus);
        Assert.Equal(HttpStatusCode.OK, enStatus);
        Assert.Contains(ukrainian, uk);
        Assert.Contains(moreUkrainian, uk);
        Assert.Contains("Керування виробництвом для виробничих майстерень", uk);
        Assert.Contains("<html lang=\"uk\"", uk);
        Assert.DoesNotContain(english, uk);
        Assert.Contains(english, en);
        Assert.Contains("Production management for manufacturing workshops", en);
        AssertNoBareKey(uk);
        AssertNoBareKey(en);
    }

    public static TheoryData<string, string, string> SignedInPages() => new()
    {
        { "/Account/ChangePassword", "Change your password", "Змініть пароль" },
        { "/Account/AddPasskey", "Add a passkey", "Додати ключ доступу" },
        { "/Account/TwoFactor/Authenticator", "Set up authenticator app", "Налаштуйте застосунок автентифікації" },
        { "/Account/TwoFactor/recovery-codes", "Generate new recovery codes", "Створити нові коди відновлення" },
        { "/Account/TwoFactor/turn-off", "Turn off the authenticator app", "Вимкнути застосунок автентифікації" },
        { "/Account/TwoFactor/Codes", "Recovery codes are shown only once", "Коди відновлення показуються лише один раз" },
        { "/Account/TwoFactor/Required", "Set up two-factor sign-in", "Налаштуйте двофакторну автентифікацію" },
    };

    [Theory]
    [MemberData(nameof(SignedInPages))]
    public async Task ASignedInAccountPage_SpeaksUkrainian_ToAUkrainianBrowserWithoutAStoredChoice(string path, string english, string ukrainian)
    {
        var company = await host.CreateCompanyAsync();
        using var session = new BrowserSession(host);
        await session.SignInAsync(company.OwnerEmail, TestCompany.Password);

        var (_, uk) = await PageAsync(session, path, "uk");
        var (_, en) = await PageAsync(session, path, "en");

        Assert.Contains(ukrainian, uk);
        Assert.DoesNotContain(english, uk);
        Assert.Contains(english, en);
        AssertNoBareKey(uk);
        AssertNoBareKey(en);
    }

    [Theory]
    [InlineData("uk", "Укажіть електронну пошту.", "Укажіть пароль.")]
    [InlineData("en", "Email is required.", "Password is required.")]
    public async Task AnEmptySignInForm_IsRefusedInTheBrowsersLanguage(string language, string email, string password)
    {
        using var session = new BrowserSession(host);

        var page = await PostAsync(session, "/Account/Login", "login", language, new() { ["Input.Email"] = "", ["Input.Password"] = "" });

        Assert.Contains(email, page);
        Assert.Contains(password, page);
    }

    [Theory]
    [InlineData("uk", "Електронна пошта або пароль неправильні.")]
    [InlineData("en", "The email or password is not correct.")]
    public async Task AWrongPassword_IsRefusedInTheBrowsersLanguage(string language, string refusal)
    {
        var company = await host.CreateCompanyAsync();
        using var session = new BrowserSession(host);

        var page = await PostAsync(session, "/Account/Login", "login", language,
            new() { ["Input.Email"] = company.OwnerEmail, ["Input.Password"] = "not-the-password" });

        Assert.Contains(refusal, page);
    }

    [Fact]
    public async Task TheHost_DescribesIdentitysOwnErrors_WithTheLocalisedDescriber()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var describer = scope.ServiceProvider.GetRequiredService<IdentityErrorDescriber>();

        Assert.IsType<LocalizedIdentityErrorDescriber>(describer);
    }
}

/// <summary>The account code's own sentences (passkey refusals, validation, Identity's errors) in the reader's language.</summary>
public sealed class AccountMessagesLocalisedTests : IDisposable
{
    private readonly CultureInfo _before = CultureInfo.CurrentUICulture;

    private static void Speak(string language)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(language);
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _before;
        CultureInfo.CurrentCulture = _before;
    }

    private static IReadOnlyDictionary<string, string> Read(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(string))
            .ToDictionary(p => p.Name, p => (string)p.GetValue(null)!);

    [Theory]
    [InlineData(typeof(PasskeyMessages))]
    [InlineData(typeof(AccountValidation))]
    public void EveryAccountMessage_HasItsOwnUkrainian_AndNoneIsABareKey(Type messages)
    {
        Speak("en");
        var english = Read(messages);
        Speak("uk");
        var ukrainian = Read(messages);

        Assert.NotEmpty(english);
        Assert.All(english, pair =>
        {
            Assert.NotEqual(pair.Value, ukrainian[pair.Key]);
            Assert.Contains(' ', pair.Value);
            Assert.Matches(@"\p{IsCyrillic}", ukrainian[pair.Key]);
        });
    }

    [Theory]
    [InlineData("cancelled", PasskeyOperation.Request, "Вхід із ключем доступу скасовано")]
    [InlineData("unsupported", PasskeyOperation.Create, "Цей браузер не може створювати ключі доступу")]
    [InlineData("nonsense", PasskeyOperation.Request, "Браузеру не вдалося використати ключ доступу")]
    public void ABrowsersPasskeyError_IsSaidInUkrainian(string code, PasskeyOperation operation, string expected)
    {
        Speak("uk");

        Assert.StartsWith(expected, PasskeyMessages.ForBrowserError(code, operation));
    }

    [Fact]
    public void APasskeyRefusal_KeepsItsEnglishWordForWord()
    {
        Speak("en");

        Assert.Equal("This passkey is not registered with Hesh. Sign in with your password, then add it on the Security tab of your profile.", PasskeyMessages.NotRegistered);
        Assert.Equal("Your account is inactive. Ask your company's administrator to activate it.", PasskeyMessages.Inactive);
    }

    private static LocalizedIdentityErrorDescriber Describer() =>
        new(new StringLocalizer<LocalizedIdentityErrorDescriber>(
            new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)));

    /// <summary>Every error Identity can describe, with sample arguments.</summary>
    public static TheoryData<string> DescriberMethods() =>
        [.. typeof(IdentityErrorDescriber).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.ReturnType == typeof(IdentityError) && m.IsVirtual).Select(m => m.Name)];

    private static IdentityError Describe(IdentityErrorDescriber describer, string method)
    {
        var info = describer.GetType().GetMethod(method)!;
        var args = info.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object)12 : "anna@example.com").ToArray();
        return (IdentityError)info.Invoke(describer, args)!;
    }

    [Theory]
    [MemberData(nameof(DescriberMethods))]
    public void IdentitysErrors_AreOverridden_KeepIdentitysEnglishAndCode_AndHaveUkrainian(string method)
    {
        var describer = Describer();
        Assert.Equal(typeof(LocalizedIdentityErrorDescriber), describer.GetType().GetMethod(method)!.DeclaringType);

        Speak("en");
        var english = Describe(describer, method);
        var identity = Describe(new IdentityErrorDescriber(), method);
        Speak("uk");
        var ukrainian = Describe(describer, method);

        Assert.Equal(identity.Code, english.Code);
        Assert.Equal(identity.Description, english.Description);
        Assert.Equal(identity.Code, ukrainian.Code);
        Assert.Matches(@"\p{IsCyrillic}", ukrainian.Description);
    }

    [Theory]
    [InlineData(1, "Пароль має містити щонайменше 1 символ.")]
    [InlineData(3, "Пароль має містити щонайменше 3 символи.")]
    [InlineData(12, "Пароль має містити щонайменше 12 символів.")]
    public void ATooShortPassword_TakesTheUkrainianPluralOfItsLength(int length, string expected)
    {
        Speak("uk");

        Assert.Equal(expected, Describer().PasswordTooShort(length).Description);
    }

    [Theory]
    [InlineData(1, "лишився 1 день")]
    [InlineData(3, "лишилося 3 дні")]
    [InlineData(7, "лишилося 7 днів")]
    [InlineData(21, "лишився 21 день")]
    public void TheDaysLeftToSetUpTwoFactor_TakeTheUkrainianPlural(int days, string expected)
    {
        Speak("uk");

        Assert.Equal(expected, Resx.Localizer(typeof(TwoFactorRequired)).Plural("DaysLeft", days));
    }
}

/// <summary>The shared notices the account work owns, rendered in both languages with no lookup missing.</summary>
public sealed class AccountSharedComponentsLocalisedTests : LocalisedComponentTest
{
    [Theory]
    [InlineData("en", "You don't have access to this page", "Go to overview")]
    [InlineData("uk", "У вас немає доступу до цієї сторінки", "Перейти до огляду")]
    public async Task NoAccess_WithoutATitle_SpeaksTheReadersLanguage(string language, string title, string button)
    {
        var (owner, _) = await SeedCompanyAsync("Nora");
        SignInAs(owner.Id);
        Speak(language);

        var notice = Render<NoAccess>();

        notice.WaitForAssertion(() => Assert.Contains(title, notice.Find("h1").TextContent));
        Assert.Contains(button, notice.Markup);
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en", "Page not found")]
    [InlineData("uk", "Сторінку не знайдено")]
    public void NotFound_SpeaksTheReadersLanguage(string language, string heading)
    {
        Speak(language);

        var page = Render<NotFound>();

        Assert.Contains(heading, page.Find("h1").TextContent);
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en", "Name", "Save", "Cancel")]
    [InlineData("uk", "Назва", "Зберегти", "Скасувати")]
    public async Task NameDialog_WithoutALabel_SpeaksTheReadersLanguage(string language, string label, string save, string cancel)
    {
        Speak(language);
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();

        // AskAsync completes only when the dialog closes: start it, look at the open dialog.
        var asking = provider.InvokeAsync(() => NameDialog.AskAsync(dialogs, "Rename", "Old", _ => Task.FromResult(Hesh.Core.Common.Result.Ok)));

        provider.WaitForAssertion(() => Assert.Contains(save, provider.Find("[data-testid=name-save]").TextContent));
        Assert.Contains(cancel, provider.Find(".mud-dialog-actions").TextContent);
        Assert.Contains(label, provider.Find("label").TextContent);
        Assert.Empty(Lookups.Missing);
        Assert.False(asking.IsCompleted);
    }
}
