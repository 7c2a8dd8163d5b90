using System.Net;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.Localization;

/// <summary>Which language a page speaks: the person's choice, else the company's default, else the browser's, else English.</summary>
public sealed class RequestCultureTests(AppHost host)
{
    private async Task<(BrowserSession Session, TestCompany Company)> SignedInAsync()
    {
        var company = await host.CreateCompanyAsync();
        var session = new BrowserSession(host);
        await session.SignInAsync(company.OwnerEmail, TestCompany.Password);
        return (session, company);
    }

    private static async Task<(HttpStatusCode Status, string Html)> PageAsync(BrowserSession session, string acceptLanguage, string path = "/")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var response = await session.SendAsync(request);
        // Razor encodes non-ASCII text (&#x41C;…); read it as the browser shows it.
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private Task StoreAsync(TestCompany company, string? personal, string? companyDefault) => host.DbAsync(async db =>
    {
        await db.Users.Where(u => u.Id == company.OwnerId).ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, personal));
        await db.Companies.Where(c => c.Id == company.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.DefaultLanguage, companyDefault));
        return true;
    });

    [Fact]
    public async Task WithoutAChoice_TheBrowsersUkrainian_GivesTheUkrainianMenu()
    {
        var (session, _) = await SignedInAsync();
        using var _s = session;

        var (status, html) = await PageAsync(session, "uk-UA,uk;q=0.9,en;q=0.5");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("mud-nav-link-text\">Мій профіль<", html);
        Assert.Contains("Вийти", html);
        Assert.DoesNotContain("mud-nav-link-text\">My profile<", html);
    }

    [Fact]
    public async Task TheBrowsersUkrainian_SetsHtmlLangUk()
    {
        var (session, _) = await SignedInAsync();
        using var _s = session;

        var (_, html) = await PageAsync(session, "uk");

        Assert.Contains("<html lang=\"uk\"", html);
    }

    [Fact]
    public async Task AfterSigningOut_TheSignInPage_KeepsThePersonsLanguage_OnAnEnglishBrowser()
    {
        var (session, company) = await SignedInAsync();
        using var _s = session;
        await StoreAsync(company, "uk", null);
        await PageAsync(session, "en-US,en;q=0.9");

        await session.SignOutAsync();
        var (status, html) = await PageAsync(session, "en-US,en;q=0.9", "/Account/Login");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<html lang=\"uk\"", html);
        // A stranger on the same English browser, without that cookie, gets English.
        using var stranger = new BrowserSession(host);
        Assert.Contains("<html lang=\"en\"", (await PageAsync(stranger, "en-US,en;q=0.9", "/Account/Login")).Html);
    }

    [Theory]
    [InlineData("c=xx|uic=xx")]
    [InlineData("c=uk-UA-!!|uic=<script>")]
    [InlineData("garbage")]
    public async Task AForgedCultureCookie_ReadsAsEnglish_NeverAnErrorPage(string cookie)
    {
        using var stranger = new BrowserSession(host);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.TryAddWithoutValidation("Cookie", $".AspNetCore.Culture={Uri.EscapeDataString(cookie)}");
        request.Headers.TryAddWithoutValidation("Accept-Language", "en");

        var response = await stranger.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"en\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task APersonsStoredUkrainian_WinsOverTheBrowsersEnglish()
    {
        var (session, company) = await SignedInAsync();
        using var _s = session;
        await StoreAsync(company, "uk", null);

        var (_, html) = await PageAsync(session, "en-US,en;q=0.9");

        Assert.Contains("Мій профіль", html);
    }

    [Fact]
    public async Task TheCompanysDefaultUkrainian_Applies_WhenThePersonHasNoChoice_AndTheirOwnEnglishWinsOverIt()
    {
        var (session, company) = await SignedInAsync();
        using var _s = session;
        await StoreAsync(company, null, "uk");

        var (_, ukrainian) = await PageAsync(session, "en");
        await StoreAsync(company, "en", "uk");
        var (_, english) = await PageAsync(session, "uk");

        Assert.Contains("Мій профіль", ukrainian);
        Assert.Contains("My profile", english);
    }

    [Theory]
    [InlineData("xx-!!", "xx-!!")]
    [InlineData(";;;q=abc,,=,en;q=zz", null)]
    [InlineData("zz", "zz-ZZ-!!!!")]
    public async Task AGarbageHeaderOrStoredCode_GivesEnglish_Status200(string acceptLanguage, string? stored)
    {
        var (session, company) = await SignedInAsync();
        using var _s = session;
        await StoreAsync(company, stored, stored);

        var (status, html) = await PageAsync(session, acceptLanguage);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("My profile", html);
    }

    [Fact]
    public async Task SignedOut_TheBrowsersUkrainian_IsTheCulture_AndGarbageIsEnglish()
    {
        using var session = new BrowserSession(host);

        var (okStatus, _) = await PageAsync(session, "uk", "/Account/Login");
        var (badStatus, _) = await PageAsync(session, "%%%garbage", "/Account/Login");

        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Equal(HttpStatusCode.OK, badStatus);
    }
}
