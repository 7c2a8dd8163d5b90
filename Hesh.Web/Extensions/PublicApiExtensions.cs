using Hesh.Web.PublicApi;
using Microsoft.AspNetCore.Authentication;
using Scalar.AspNetCore;

#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;

public static class PublicApiExtensions
{
    /// <summary>
    /// The Public API's own scheme and policies (the cookie side keeps its default scheme and never authenticates the
    /// API), its per-key rate limits, problem details and the OpenAPI document.
    /// </summary>
    public static IServiceCollection AddHeshPublicApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(PublicApiEndpoints.ReadPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthenticationHandler.Claims.Scope, "users:read"))
            .AddPolicy(PublicApiEndpoints.WritePolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthenticationHandler.Claims.Scope, "users:write"));
        var limits = configuration.GetSection("Hesh:PublicApi:RateLimits").Get<ApiRateLimitOptions>() ?? new ApiRateLimitOptions();
        services.AddSingleton(limits);
        services.AddSingleton<ApiKeyFailureLimiter>();
        services.AddRateLimiter(o => o.AddPolicy<string, ApiKeyRateLimitPolicy>(ApiKeyRateLimitPolicy.Name));
        services.AddProblemDetails();
        services.AddOpenApi(PublicApiDocument.DocumentName, PublicApiDocument.Configure);
        return services;
    }

    /// <summary>The API, its document at /openapi/v1.json and the reference page at /api/docs (both readable by anyone).</summary>
    public static WebApplication MapHeshPublicApi(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments(PublicApiEndpoints.Prefix), api => api.UseMiddleware<PublicApiCalls>());
        app.MapPublicUsers();
        app.MapOpenApi().AllowAnonymous();
        // Scalar's page bundles its script (no CDN) and writes one inline script: it carries this response's CSP nonce.
        // No web fonts from Scalar's CDN either: the page uses the system's fonts.
        app.MapScalarApiReference("/api/docs", (options, http) => options
            .WithTitle("Hesh Public API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .WithNonce(Hesh.Web.Infrastructure.ContentSecurity.NonceOf(http) ?? "")
            .DisableDefaultFonts()
            .DisableTelemetry()).AllowAnonymous();
        return app;
    }
}
