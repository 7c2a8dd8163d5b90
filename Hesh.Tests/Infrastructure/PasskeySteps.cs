using System.Net;
using System.Text.RegularExpressions;

namespace Hesh.Tests.Infrastructure;

/// <summary>
/// The passkey pages driven over HTTP as the browser and its passkey-submit element drive them: the options fetch
/// (antiforgery token in a header), then the form post with the credential JSON and the page's Origin.
/// </summary>
public static partial class PasskeySteps
{
    public const string AddPage = "/Account/AddPasskey";

    public static string Origin(this BrowserSession session) => session.BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>The password step of Account/AddPasskey.</summary>
    public static Task<HttpResponseMessage> ConfirmPasswordAsync(this BrowserSession session, string password = TestCompany.Password) =>
        session.SubmitAsync(AddPage, "confirm-passkey", new Dictionary<string, string> { ["Confirm.Password"] = password });

    /// <summary>What the element fetches before navigator.credentials.create(); the status tells a refusal.</summary>
    /// <param name="tokenPage">Where the antiforgery token is read: any page of this browser's session carries a valid one.</param>
    public static async Task<HttpResponseMessage> CreationOptionsAsync(this BrowserSession session, bool withToken = true, string tokenPage = AddPage) =>
        await session.FetchOptionsAsync(tokenPage, "/Account/PasskeyCreationOptions", withToken);

    public static async Task<HttpResponseMessage> RequestOptionsAsync(this BrowserSession session, bool withToken = true) =>
        await session.FetchOptionsAsync("/Account/Login", "/Account/PasskeyRequestOptions", withToken);

    /// <summary>Posts the add-passkey form with <paramref name="credentialJson"/> (or an error code), as the element does.</summary>
    public static async Task<HttpResponseMessage> PostNewPasskeyAsync(this BrowserSession session, string? credentialJson, string? error = null)
    {
        var fields = await session.ReadFormAsync(AddPage, "add-passkey");
        Put(fields, "Input.CredentialJson", credentialJson);
        Put(fields, "Input.Error", error);
        return await session.PostAsOriginAsync(AddPage, fields);
    }

    /// <summary>Posts the sign-in form with a passkey, as the element does: no email, no password.</summary>
    public static async Task<HttpResponseMessage> PostPasskeySignInAsync(this BrowserSession session, string? credentialJson, string? error = null,
        string path = "/Account/Login")
    {
        var fields = await session.ReadFormAsync(path, "login");
        Put(fields, "Input.Passkey.CredentialJson", credentialJson);
        Put(fields, "Input.Passkey.Error", error);
        return await session.PostAsOriginAsync(path, fields);
    }

    /// <summary>The whole of "Add a passkey" for the signed-in user: password, options, the authenticator, the post.</summary>
    public static async Task<HttpResponseMessage> AddPasskeyAsync(this BrowserSession session, SoftPasskey passkey, string password = TestCompany.Password)
    {
        await session.ConfirmPasswordAsync(password);
        var options = await session.CreationOptionsAsync();
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        return await session.PostNewPasskeyAsync(passkey.Create(await options.Content.ReadAsStringAsync(), session.Origin()));
    }

    /// <summary>The whole of "Sign in with a passkey"; <paramref name="userHandle"/> forges the account the passkey claims.</summary>
    public static async Task<HttpResponseMessage> SignInWithPasskeyAsync(this BrowserSession session, SoftPasskey passkey, string? userHandle = null)
    {
        var options = await session.RequestOptionsAsync();
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        return await session.PostPasskeySignInAsync(passkey.Get(await options.Content.ReadAsStringAsync(), session.Origin(), userHandle));
    }

    public static async Task<HttpResponseMessage> PostAsOriginAsync(this BrowserSession session, string path, IDictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", session.Origin());
        return await session.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> FetchOptionsAsync(this BrowserSession session, string page, string endpoint, bool withToken)
    {
        var html = await (await session.GetAsync(page)).Content.ReadAsStringAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Headers.Add("Origin", session.Origin());
        var token = TokenPattern().Match(html);
        if (withToken)
        {
            Assert.True(token.Success, $"No passkey-submit element with a request token on {page}.");
            request.Headers.Add(WebUtility.HtmlDecode(token.Groups["name"].Value), WebUtility.HtmlDecode(token.Groups["value"].Value));
        }
        return await session.SendAsync(request);
    }

    private static void Put(IDictionary<string, string> fields, string name, string? value)
    {
        if (value is not null)
        {
            fields[name] = value;
        }
    }

    [GeneratedRegex("<passkey-submit[^>]*request-token-name=\"(?<name>[^\"]+)\"[^>]*request-token-value=\"(?<value>[^\"]+)\"")]
    private static partial Regex TokenPattern();
}
