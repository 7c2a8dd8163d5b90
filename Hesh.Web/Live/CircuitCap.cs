using System.Collections.Concurrent;
using System.Security.Claims;
using Hesh.Core.Common.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace Hesh.Web.Live;

/// <summary>Hesh:Circuits — how many live Blazor connections one user or one anonymous address may hold, and how many dropped circuits are kept.</summary>
public sealed class CircuitLimits
{
    public int MaxPerUser { get; set; } = 20;
    public int MaxPerAnonymousAddress { get; set; } = 20;
    /// <summary>Circuits kept for tabs whose connection dropped, so they can come back; beyond it the oldest go.</summary>
    public int DisconnectedMaxRetained { get; set; } = 100;
    public TimeSpan DisconnectedRetention { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Open <c>/_blazor</c> connections per user (signed in) or per client address (anonymous). Each costs a circuit —
/// a whole component tree in server memory — so one client opening hundreds of tabs or sockets could exhaust it.
/// </summary>
public sealed class CircuitCounter
{
    private readonly ConcurrentDictionary<string, int> _open = new();

    public static string KeyOf(HttpContext http) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } userId
            ? $"user:{userId}"
            : $"address:{http.Connection.RemoteIpAddress}";

    public static int CapOf(string key, CircuitLimits limits) =>
        key.StartsWith("user:", StringComparison.Ordinal) ? limits.MaxPerUser : limits.MaxPerAnonymousAddress;

    public int OpenOf(string key) => _open.GetValueOrDefault(key);

    public bool TryOpen(string key, int cap)
    {
        while (true)
        {
            var open = _open.GetOrAdd(key, 0);
            if (open >= cap)
            {
                return false;
            }
            if (_open.TryUpdate(key, open + 1, open))
            {
                return true;
            }
        }
    }

    public void Close(string key)
    {
        while (_open.TryGetValue(key, out var open))
        {
            if (open <= 1 ? _open.TryRemove(new KeyValuePair<string, int>(key, open)) : _open.TryUpdate(key, open - 1, open))
            {
                return;
            }
        }
    }
}

/// <summary>
/// The hard cap: a <c>/_blazor</c> connection beyond it is closed as it opens, whatever its transport (WebSockets,
/// server-sent events, long polling) and whether or not it negotiated first. Its slot is given back when it closes.
/// </summary>
internal sealed class CircuitCapFilter(CircuitCounter counter, Microsoft.Extensions.Options.IOptions<CircuitLimits> limits,
    LiveRefusals refusals, ILogger<CircuitCapFilter> logger) : IHubFilter
{
    private const string SlotKey = "hesh:circuit-slot";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Context.GetHttpContext() is not { } http || !CircuitCap.IsBlazorPath(http.Request.Path))
        {
            await next(context);
            return;
        }
        var key = CircuitCounter.KeyOf(http);
        if (!counter.TryOpen(key, CircuitCounter.CapOf(key, limits.Value)))
        {
            CircuitCap.LogRefused(logger, http, key);
            // A HubException's message reaches the client, which shows it (App.razor's too-many-tabs panel).
            throw new HubException(refusals.TooManyTabs(http));
        }
        context.Context.Items[SlotKey] = key;
        try
        {
            await next(context);
        }
        catch
        {
            Release(context.Context);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            Release(context.Context);
        }
    }

    private void Release(HubCallerContext connection)
    {
        if (connection.Items.Remove(SlotKey, out var key) && key is string slot)
        {
            counter.Close(slot);
        }
    }
}

internal static class CircuitCap
{
    public static bool IsBlazorPath(PathString path) => path.StartsWithSegments("/_blazor");

    /// <summary>
    /// The friendly refusal: a request that would open a new connection (negotiate, or a WebSocket without one) gets 429
    /// while the client is at its cap, before a socket exists. The page's script shows the too-many-tabs panel on it.
    /// </summary>
    public static bool OpensConnection(HttpRequest request) =>
        request.Path.StartsWithSegments("/_blazor/negotiate") && HttpMethods.IsPost(request.Method)
        || request.Path == "/_blazor" && !request.Query.ContainsKey("id") && HttpMethods.IsGet(request.Method);

    public static void LogRefused(ILogger logger, HttpContext http, string key)
    {
        logger.LogWarning("Refused a live connection for {Client}: at its cap of open tabs (address {Address})",
            key, http.Connection.RemoteIpAddress);
        http.RequestServices.GetService<HeshMetrics>()?.RateLimited("open-tabs");
    }
}
