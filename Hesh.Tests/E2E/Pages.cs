using Microsoft.Playwright;

namespace Hesh.Tests.E2E;

/// <summary>Page objects: one-line actions in the words a user would use.</summary>
public sealed class SignInPage(IPage page)
{
    public async Task SignInAsync(string email, string password)
    {
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }
}

public sealed class SignUpPage(IPage page)
{
    public async Task SignUpAsync(string company, string first, string last, string email, string password)
    {
        await page.GotoAsync("Account/SignUp");
        await page.GetByLabel("Company name").FillAsync(company);
        await page.GetByLabel("First name").FillAsync(first);
        await page.GetByLabel("Last name").FillAsync(last);
        await page.GetByLabel("Work email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Confirm password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create company" }).ClickAsync();
    }
}

public static class Circuit
{
    /// <summary>Clicks made before the Blazor circuit is up are lost: wait until it is.</summary>
    public static Task WaitForCircuitAsync(this IPage page) =>
        page.Locator("#circuit-state[data-state=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Picks an option of a MudSelect and waits until its list has closed: a click made while the
    /// list's overlay is still up closes the list instead of reaching its target.
    /// </summary>
    public static async Task ChooseAsync(this IPage page, ILocator select, string option, bool exact = false)
    {
        await select.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = exact }).ClickAsync();
        await page.GetByRole(AriaRole.Listbox).WaitForAsync(new() { State = WaitForSelectorState.Hidden });
    }

    /// <summary>Retries an action until a condition holds; no fixed sleeps.</summary>
    public static async Task RetryAsync(Func<Task> act, Func<Task<bool>> done, int attempts = 20)
    {
        for (var i = 0; i < attempts; i++)
        {
            await act();
            for (var j = 0; j < 10; j++)
            {
                if (await done())
                {
                    return;
                }
                await Task.Delay(50);
            }
        }
        throw new TimeoutException("The condition never held.");
    }
}
