using System.Security.Claims;
using System.Text.Encodings.Web;
using Hesh.Core.ApiKeys;
using Hesh.Core.PublicApi;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Hesh.Web.PublicApi;

/// <summary>
/// The "ApiKey" scheme: the x-api-key and x-tenant-id headers, checked against the store on every call
/// (<see cref="ApiKeyVerifier"/>). Used by the Public API's policies only, so a Hesh cookie never authenticates the API
/// and a key never authenticates anything else. Every key or tenant problem answers the same 401 problem; a request a
/// browser sends from another site's page (a foreign Origin) is refused with 403 before the key is looked at.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyVerifier verifier,
    Hesh.Web.Live.OwnOrigins origins, ApiKeyFailureLimiter failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyHeader = "x-api-key";
    public const string TenantHeader = "x-tenant-id";
    private const string ForeignOriginItem = "hesh:api-foreign-origin";
    private const string CallerItem = "hesh:api-caller";
    private const string ThrottledItem = "hesh:api-throttled";

    public static class Claims
    {
        public const string KeyId = "hesh:api-key";
        public const string CompanyId = "hesh:tenant";
        public const string Name = "hesh:api-key-name";
        public const string Scope = "scope";
    }

    /// <summary>The verified key of this request, or null outside the API.</summary>
    public static ApiCaller? CallerOf(HttpContext context) => context.Items[CallerItem] as ApiCaller;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (IsForeignOrigin(Request))
        {
            Context.Items[ForeignOriginItem] = true;
            return AuthenticateResult.Fail("A foreign origin");
        }
        if (!Request.Headers.TryGetValue(KeyHeader, out var key) || key.Count != 1)
        {
            return AuthenticateResult.NoResult();
        }
        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (failures.RefusedFor(address) is { } refusedFor)
        {
            Context.Items[ThrottledItem] = refusedFor;
            return AuthenticateResult.Fail("Too many failed keys");
        }
        var caller = await verifier.VerifyAsync(key[0], Request.Headers[TenantHeader].Count == 1 ? Request.Headers[TenantHeader][0] : null, Context.RequestAborted);
        if (caller is null)
        {
            // Which of prefix, hash, tenant, expiry or revocation failed is not said, not even in the log: the prefix tells support which key.
            Logger.LogWarning("Public API key refused (prefix {ApiKeyPrefix})", ApiKeySecret.LooksValid(key[0]) ? key[0]![..ApiKey.PrefixLength] : "-");
            if (await failures.FailedAsync(address, Context.RequestAborted) is { } wait)
            {
                Logger.LogWarning("Public API: too many failed keys from {Client}; refused for {Seconds} s", address, (int)Math.Ceiling(wait.TotalSeconds));
                Context.Items[ThrottledItem] = wait;
            }
            return AuthenticateResult.Fail("Unknown key");
        }
        Context.Items[CallerItem] = caller;
        var identity = new ClaimsIdentity(
        [
            new Claim(Claims.KeyId, caller.KeyId.ToString()), new Claim(Claims.CompanyId, caller.CompanyId.ToString()),
            new Claim(Claims.Name, caller.Name), .. ApiKeyAccess.ScopeNames(caller.Scopes).Select(s => new Claim(Claims.Scope, s)),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ThrottledItem] is TimeSpan wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            Context.RequestServices.GetService<Hesh.Core.Common.Telemetry.HeshMetrics>()?.RateLimited("public-api-wrong-keys");
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiProblems.Write(Context, StatusCodes.Status429TooManyRequests, "Too many requests",
                $"Too many calls with a wrong API key came from this address. Retry after {seconds} s.");
        }
        return Context.Items.ContainsKey(ForeignOriginItem)
            ? ApiProblems.Write(Context, StatusCodes.Status403Forbidden, "Cross-site request refused",
                "The Public API is for servers; a page of another site cannot call it from a browser.")
            : ApiProblems.Write(Context, StatusCodes.Status401Unauthorized, "Not authenticated",
                "Send a valid, active API key in x-api-key and its company's id in x-tenant-id.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (CallerOf(Context) is { } caller)
        {
            await PublicApiCalls.RecordAsync(Context, caller, StatusCodes.Status403Forbidden);
        }
        await ApiProblems.Write(Context, StatusCodes.Status403Forbidden, "Scope missing",
            "This API key lacks the scope this operation needs (users:read to read, users:write to change).");
    }

    /// <summary>A browser adds Origin to cross-site requests; a server-to-server call sends none (our own reference page sends ours).</summary>
    private bool IsForeignOrigin(HttpRequest request) =>
        request.Headers.Origin is { Count: > 0 } origin && !origins.Allows(origin.ToString(), request);
}
