using Microsoft.Extensions.Options;

namespace Hesh.Web.Live;

/// <summary>
/// In front of the live endpoints (<c>/_blazor</c> and <see cref="PermissionsHub.Path"/>): a browser page of another
/// site is refused (cross-site WebSocket hijacking: the browser would send the user's cookie with it), and a client
/// at its cap of open tabs is told so before it opens another — in the request's language (<see cref="LiveRefusals"/>).
/// </summary>
internal sealed class LiveGuards(RequestDelegate next, OwnOrigins origins, CircuitCounter counter, IOptions<CircuitLimits> limits,
    LiveRefusals refusals, ILogger<LiveGuards> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path;
        var blazor = CircuitCap.IsBlazorPath(path);
        if (!blazor && !path.StartsWithSegments(PermissionsHub.Path))
        {
            await next(http);
            return;
        }
        // Native clients (the mobile app, the .NET and Node SignalR clients) send no Origin; browsers always do here.
        if (http.Request.Headers.Origin is { Count: > 0 } origin && !origins.Allows(origin.ToString(), http.Request))
        {
            logger.LogWarning("Refused a live connection to {Path} from foreign origin {Origin} (address {Address})",
                path.Value, Truncate(origin.ToString()), http.Connection.RemoteIpAddress);
            await RefuseAsync(http, StatusCodes.Status403Forbidden, refusals.ForeignOrigin(http));
            return;
        }
        if (blazor && CircuitCap.OpensConnection(http.Request))
        {
            var key = CircuitCounter.KeyOf(http);
            if (counter.OpenOf(key) >= CircuitCounter.CapOf(key, limits.Value))
            {
                CircuitCap.LogRefused(logger, http, key);
                await RefuseAsync(http, StatusCodes.Status429TooManyRequests, refusals.TooManyTabs(http));
                return;
            }
        }
        await next(http);
    }

    /// <summary>A plain answer the client reads as is: the status-code pages would re-run the request as a page instead.</summary>
    private static Task RefuseAsync(HttpContext http, int status, string text)
    {
        if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(text);
    }

    private static string Truncate(string value) => value.Length <= 200 ? value : value[..200];
}
