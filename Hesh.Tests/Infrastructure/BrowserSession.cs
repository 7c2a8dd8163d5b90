using System.Net;
using System.Text.RegularExpressions;

namespace Hesh.Tests.Infrastructure;

/// <summary>
/// A cookie-keeping HTTP client against the real host, posting the static account forms as a browser does
/// (hidden fields, antiforgery token and all), without following redirects so tests can read them.
/// </summary>
public sealed partial class BrowserSession : IDisposable
{
    private readonly HttpClient _client;
    public CookieContainer Cookies { get; }

    public BrowserSession(AppHost host) : this(host.BaseAddress)
    {
    }

    /// <summary>A session against any node; the cookies can be handed to another node's session.</summary>
    public BrowserSession(Uri baseAddress, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
        };
    }

    /// <summary>Poses as a client behind the trusted local proxy (the test connects over loopback).</summary>
    public BrowserSession From(string clientAddress)
    {
        _client.DefaultRequestHeaders.Remove("X-Forwarded-For");
        _client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return this;
    }

    /// <summary>Poses as a given browser (the sign-in history names devices from this header).</summary>
    public BrowserSession WithUserAgent(string userAgent)
    {
        _client.DefaultRequestHeaders.Remove("User-Agent");
        _client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        return this;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

    /// <summary>GETs a page following redirects, as a browser would; returns the final page's HTML.</summary>
    public async Task<string> GetPageAsync(string path)
    {
        var response = await _client.GetAsync(path);
        for (var hops = 0; hops < 5 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found; hops++)
        {
            response = await _client.GetAsync(response.Headers.Location);
        }
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>GETs the page, fills the form named <paramref name="formName"/> with its hidden fields plus <paramref name="fields"/>, and posts it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, string formName, IDictionary<string, string> fields)
    {
        var values = await ReadFormAsync(path, formName);
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }
        return await _client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    /// <summary>The hidden fields (handler, antiforgery token) of a form as the page serves it now.</summary>
    public async Task<Dictionary<string, string>> ReadFormAsync(string path, string formName)
    {
        var page = await (await _client.GetAsync(path)).Content.ReadAsStringAsync();
        var form = FormPattern().Matches(page).Select(m => m.Value).FirstOrDefault(f => f.Contains($"value=\"{formName}\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No form {formName} on {path}");
        return HiddenPattern().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
    }

    public Task<HttpResponseMessage> PostRawAsync(string path, IDictionary<string, string> fields) =>
        _client.PostAsync(path, new FormUrlEncodedContent(fields));

    /// <summary>Any request as this browser sends it (its cookies), e.g. a script's fetch with headers of its own.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _client.SendAsync(request);

    public Uri BaseAddress => _client.BaseAddress!;

    public async Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        await SubmitAsync("/Account/Login", "login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Presses "Sign out" in the app bar: posts its form, antiforgery token and all.</summary>
    public async Task<HttpResponseMessage> SignOutAsync()
    {
        var page = await (await _client.GetAsync("/")).Content.ReadAsStringAsync();
        var form = FormPattern().Matches(page).Select(m => m.Value).First(f => f.Contains("Account/Logout", StringComparison.Ordinal));
        var fields = HiddenPattern().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        return await _client.PostAsync("/Account/Logout", new FormUrlEncodedContent(fields));
    }

    /// <summary>A second client holding a copy of this one's cookies, as a thief who copied them would.</summary>
    public BrowserSession CopyCookies(AppHost host)
    {
        var copy = new CookieContainer();
        copy.Add(Cookies.GetAllCookies());
        return new BrowserSession(host.BaseAddress, copy);
    }

    /// <summary>True when an authenticated page answers 200 instead of redirecting to sign-in.</summary>
    public async Task<bool> IsSignedInAsync()
    {
        var response = await _client.GetAsync("/");
        return response.StatusCode == HttpStatusCode.OK;
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex(@"<form[\s\S]*?</form>")]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenPattern();
}
