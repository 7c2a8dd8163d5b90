using Hesh.Core.PublicApi;
using Microsoft.AspNetCore.Diagnostics;

namespace Hesh.Web.PublicApi;

/// <summary>
/// Around every Public API call that got past the key check and the rate limits: one audit entry with the key as actor,
/// the operation and the status code it got; an unreadable query or body as a 400 problem, a failure as a 500 problem
/// without a stack trace, and every other bodiless error (unknown path, wrong method) as a problem too — never the
/// app's HTML error pages.
/// </summary>
internal sealed class PublicApiCalls(RequestDelegate next, ILogger<PublicApiCalls> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            logger.LogInformation("Public API request unreadable: {Reason}", ex.Message);
            context.Response.Clear();
            await ApiProblems.BadRequest("The request could not be read: check the query parameters and that the body is JSON.").ExecuteAsync(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "Public API call {Method} {Path} failed", context.Request.Method, context.Request.Path.Value);
            context.Response.Clear();
            await ApiProblems.Write(context, StatusCodes.Status500InternalServerError, "Server error",
                "Hesh could not complete this call. Nothing is reported back beyond this; retry later or tell Hesh's support the time of the call.");
        }
        if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && string.IsNullOrEmpty(context.Response.ContentType))
        {
            await (context.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => ApiProblems.NotFound("There is no such operation in the Public API; see /api/docs."),
                StatusCodes.Status405MethodNotAllowed => ApiProblems.Of(405, "Method not allowed", "This path does not take this method; see /api/docs."),
                var status => ApiProblems.Of(status, "Invalid request", "The request could not be handled as sent."),
            }).ExecuteAsync(context);
        }
        if (ApiKeyAuthenticationHandler.CallerOf(context) is { } caller)
        {
            await RecordAsync(context, caller, context.Response.StatusCode);
        }
    }

    /// <summary>The audit entry of one call: "PATCH /api/v1/public/users/{id}" and its status code, about the user it named.</summary>
    public static async Task RecordAsync(HttpContext context, ApiCaller caller, int status)
    {
        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        var operation = $"{context.Request.Method} /{pattern.TrimStart('/')}";
        var subject = context.Request.RouteValues.TryGetValue("id", out var id) ? id as string : null;
        try
        {
            await context.RequestServices.GetRequiredService<PublicUsers>().RecordCallAsync(caller, operation, status, subject, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The call itself is done; a missing audit entry is logged, not turned into a failure of the call.
            context.RequestServices.GetRequiredService<ILogger<PublicApiCalls>>().LogError(ex, "Public API call of key {ApiKeyId} not audited", caller.KeyId);
        }
    }
}
