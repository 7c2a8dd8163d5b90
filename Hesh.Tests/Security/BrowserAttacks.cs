using System.Text.RegularExpressions;
using Hesh.Core.Common;
using Hesh.Core.DayOffs;
using Hesh.Tests.E2E;
using Hesh.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.Security;

/// <summary>
/// The attacks only a real browser can judge (Debian chromium through Playwright): stored markup that must not run,
/// forms posted from another site (SameSite cookies and antiforgery together), and framing by another site.
/// "http://evil.example" is served by the browser context itself, so it is a genuinely different site.
/// </summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class BrowserAttacks(AppHost host, BrowserHost browser)
{
    private const string Evil = "http://evil.example/";

    private static async Task ServeEvilPageAsync(IBrowserContext context, string html) =>
        await context.RouteAsync($"{Evil}**", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = html }));

    private string AutoSubmittingForm(string path, IDictionary<string, string> fields) =>
        $"<html><body><form id=\"f\" method=\"post\" action=\"{new Uri(host.BaseAddress, path)}\">"
        + string.Concat(fields.Select(f => $"<input type=\"hidden\" name=\"{f.Key}\" value=\"{f.Value}\">"))
        + "</form><script>document.getElementById('f').submit()</script></body></html>";

    private static async Task<IResponse> ForgedPostAsync(IPage page, string path)
    {
        var posted = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.Contains(path, StringComparison.Ordinal));
        await page.GotoAsync(Evil);
        return await posted;
    }

    private async Task<bool> IsSignedInAsync(IPage page)
    {
        await page.GotoAsync(host.BaseAddress.ToString());
        return !page.Url.Contains("/Account/Login", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stored_markup_in_a_day_off_note_never_runs_in_the_browser()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Petra");
        var start = DateTime.UtcNow.Date.AddDays(5).AddHours(8);
        for (var i = 0; i < InputAttacks.Markup.Length; i++)
        {
            var (at, note) = (start.AddDays(i), InputAttacks.Markup[i]);
            Assert.True((await host.Call<DayOffService, Result>(s => s.AddAsync(company.OwnerId, user.Id, at, at.AddHours(8), note))).Succeeded);
        }
        var before = await DbFingerprint.TakeExceptSessionsAsync(host, company.Id);
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        var dialogs = 0;
        page.Dialog += async (_, dialog) => { Interlocked.Increment(ref dialogs); await dialog.DismissAsync(); };
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await page.WaitForCircuitAsync();

        await page.GotoAsync($"users/{user.Id}?tab=dayoffs");
        await page.WaitForCircuitAsync();

        var table = page.GetByTestId("dayoffs-table");
        foreach (var payload in InputAttacks.Markup)
        {
            await Expect(table).ToContainTextAsync(payload);
        }
        Assert.Equal(0, await table.Locator("script, img, [onload], [onerror]").CountAsync());
        Assert.Equal(0, dialogs);
        Assert.Equal(before, await DbFingerprint.TakeExceptSessionsAsync(host, company.Id));
    }

    [Fact]
    public async Task Another_site_cannot_sign_the_browser_in_as_the_attacker()
    {
        var attacker = await host.CreateCompanyAsync();
        var before = await DbFingerprint.TakeAsync(host, attacker.Id);
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await page.GotoAsync("Account/Login");
        await ServeEvilPageAsync(context, AutoSubmittingForm("Account/Login", new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = attacker.OwnerEmail, ["Input.Password"] = TestCompany.Password,
        }));

        var response = await ForgedPostAsync(page, "/Account/Login");

        Assert.Equal(400, response.Status);
        Assert.False(await IsSignedInAsync(page));
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, attacker.Id));
    }

    [Fact]
    public async Task Another_site_cannot_sign_the_user_out()
    {
        var company = await host.CreateCompanyAsync();
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await page.WaitForCircuitAsync();
        await ServeEvilPageAsync(context, AutoSubmittingForm("Account/Logout", new Dictionary<string, string> { ["returnUrl"] = "/" }));
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await ForgedPostAsync(page, "/Account/Logout");

        Assert.Equal(400, response.Status);
        Assert.True(await IsSignedInAsync(page));
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Another_site_cannot_change_the_password_even_knowing_the_current_one()
    {
        var company = await host.CreateCompanyAsync();
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await page.WaitForCircuitAsync();
        await ServeEvilPageAsync(context, AutoSubmittingForm("Account/ChangePassword", new Dictionary<string, string>
        {
            ["_handler"] = "change-password", ["Input.CurrentPassword"] = TestCompany.Password,
            ["Input.Password"] = "Forged-pass-1", ["Input.ConfirmPassword"] = "Forged-pass-1",
        }));
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await ForgedPostAsync(page, "/Account/ChangePassword");

        // Refused twice over: the SameSite=Lax session cookie is not sent with another site's post (so the page asks to
        // sign in), and the antiforgery token is missing.
        Assert.True(response.Status == 400 || (response.Status == 302 && (await response.HeaderValueAsync("location"))!.Contains("/Account/Login")),
            $"The forged post was answered {response.Status}.");
        Assert.True(await IsSignedInAsync(page));
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task No_page_not_even_one_of_the_same_origin_can_frame_the_console()
    {
        var company = await host.CreateCompanyAsync();
        var before = await DbFingerprint.TakeAsync(host, company.Id);
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        // Pages served by the browser context itself, on the console's own origin and without any framing header.
        var framer = new Uri(host.BaseAddress, "framing-test.html").ToString();
        var framable = new Uri(host.BaseAddress, "framable-test.html").ToString();
        await context.RouteAsync(framable, route => route.FulfillAsync(new() { ContentType = "text/html", Body = "<p id=\"framable\">framed</p>" }));
        await context.RouteAsync(framer, route => route.FulfillAsync(new()
        {
            ContentType = "text/html",
            Body = $"<iframe id=\"control\" src=\"{framable}\"></iframe><iframe id=\"victim\" src=\"{new Uri(host.BaseAddress, "Account/Login")}\"></iframe>",
        }));
        var login = page.WaitForResponseAsync(r => r.Url.Contains("/Account/Login", StringComparison.Ordinal));

        await page.GotoAsync(framer);
        await login;

        // The control frame shows its page, so framing as such works here; the console's frame stays empty.
        await Expect(page.FrameLocator("#control").Locator("#framable")).ToHaveTextAsync("framed");
        await Expect(page.FrameLocator("#victim").Locator("#email")).ToHaveCountAsync(0);
        var victim = page.Frames.Single(f => f != page.MainFrame && !f.Url.Contains("framable", StringComparison.Ordinal));
        Assert.DoesNotContain("/Account/Login", victim.Url);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    /// <summary>
    /// The victim resets the password by the email link while a thief has the console open: the thief's tab is signed
    /// out at once, as "Other sessions have been signed out" promises, not at the next periodic revalidation.
    /// </summary>
    [Fact]
    public async Task Open_tab_of_a_stolen_session_is_signed_out_once_the_password_is_reset_by_email_link()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Robbed");
        await using var context = await browser.NewContextAsync(host);
        var thief = await context.NewPageAsync();
        await new SignInPage(thief).SignInAsync(user.Email!, TestCompany.Password);
        await thief.WaitForCircuitAsync();
        await thief.GotoAsync($"users/{user.Id}");
        await thief.WaitForCircuitAsync();
        using var own = new BrowserSession(host);
        var reset = await own.SubmitAsync(SecurityTestExtensions.ResetPath(user.Email!, await host.ResetCodeAsync(user.Id)), "reset-password",
            SecurityTestExtensions.NewPassword("Taken-back-pass-1"));
        Assert.Contains("ResetPasswordConfirmation", reset.Headers.Location!.OriginalString);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        await Expect(thief).ToHaveURLAsync(new Regex("/Account/Login"), new() { Timeout = 10_000 });

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    /// <summary>
    /// A tab beyond the cap of open tabs (Hesh:Circuits) is refused its live connection; instead of a page that looks
    /// alive and never answers, it says why. The other tabs were opened by hand with the same user's cookie.
    /// </summary>
    [Fact]
    public async Task A_tab_beyond_the_cap_of_open_tabs_says_so_instead_of_connecting()
    {
        var company = await host.CreateCompanyAsync();
        await using var context = await browser.NewContextAsync(host);
        var first = await context.NewPageAsync();
        await new SignInPage(first).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await first.WaitForCircuitAsync();
        var cookies = new System.Net.CookieContainer();
        foreach (var cookie in await context.CookiesAsync())
        {
            cookies.Add(host.BaseAddress, new System.Net.Cookie(cookie.Name, cookie.Value));
        }
        var sockets = new LiveSockets(host, cookies);
        var cap = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hesh.Web.Live.CircuitLimits>>().Value.MaxPerUser;
        var open = new List<LiveConnection>();
        try
        {
            for (var i = 1; i < cap; i++)
            {
                var (connection, refusal) = await sockets.OpenCircuitConnectionAsync();
                Assert.True(connection is not null, refusal);
                open.Add(connection!);
            }

            var beyond = await context.NewPageAsync();
            await beyond.GotoAsync("users");

            await Expect(beyond.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Too many open Hesh tabs — close some and reload.");
            await Expect(beyond.Locator("#circuit-state")).ToHaveAttributeAsync("data-state", "prerendered");
            await Expect(first.Locator("#circuit-state")).ToHaveAttributeAsync("data-state", "ready");
        }
        finally
        {
            await Task.WhenAll(open.Select(c => c.DisposeAsync().AsTask()));
        }
    }
}
