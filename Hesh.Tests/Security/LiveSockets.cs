using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Hesh.Tests.Infrastructure;

namespace Hesh.Tests.Security;

/// <summary>
/// A live connection opened by hand, the way a script on another site or a flood of tabs would: the SignalR negotiate
/// POST, then the WebSocket upgrade (or a long-polling GET) carrying the connection token, with whatever cookies,
/// Origin and client address the attacker chooses. For <c>/_blazor</c> the handshake names Blazor's protocol, so
/// the server opens its side of the circuit connection as it would for a tab. <paramref name="acceptLanguage"/> is the
/// browser's language, which a signed-out request's refusals speak.
/// </summary>
internal sealed class LiveSockets(AppHost host, CookieContainer? cookies = null, string? clientAddress = null, string? acceptLanguage = null)
{
    public const string Blazor = "/_blazor";

    public async Task<(HttpStatusCode Status, string? Token, string Body)> NegotiateAsync(string path, string? origin = null)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{path}/negotiate?negotiateVersion=1") { Content = new StringContent("") };
        AddHeaders(request.Headers, origin);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var token = response.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(body).RootElement.GetProperty("connectionToken").GetString() : null;
        return (response.StatusCode, token, body);
    }

    /// <summary>A long-polling GET for a negotiated connection, as a browser without WebSockets makes.</summary>
    public async Task<HttpStatusCode> PollAsync(string path, string token, string? origin = null)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?id={Uri.EscapeDataString(token)}");
        AddHeaders(request.Headers, origin);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.StatusCode;
        }
        catch (OperationCanceledException)
        {
            return HttpStatusCode.RequestTimeout;
        }
    }

    /// <summary>The WebSocket upgrade: the HTTP status the server answered (101 when it upgraded) and the socket.</summary>
    public async Task<(HttpStatusCode Status, ClientWebSocket Socket)> UpgradeAsync(string path, string? token, string? origin = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (cookies is not null)
        {
            socket.Options.Cookies = cookies;
        }
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }
        if (clientAddress is not null)
        {
            socket.Options.SetRequestHeader("X-Forwarded-For", clientAddress);
        }
        if (acceptLanguage is not null)
        {
            socket.Options.SetRequestHeader("Accept-Language", acceptLanguage);
        }
        var uri = new UriBuilder(new Uri(host.BaseAddress, path)) { Scheme = "ws", Query = token is null ? "" : $"id={Uri.EscapeDataString(token)}" }.Uri;
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
        return (socket.HttpStatusCode, socket);
    }

    /// <summary>
    /// Negotiates, upgrades and sends Blazor's handshake: the server then runs its connect step, where the cap of open
    /// tabs applies. Returns the open connection, or null with the reason when the server refused or closed it.
    /// </summary>
    public async Task<(LiveConnection? Connection, string Refusal)> OpenCircuitConnectionAsync(string? token = null, TimeSpan? settle = null)
    {
        if (token is null)
        {
            var negotiated = await NegotiateAsync(Blazor);
            if (negotiated.Token is null)
            {
                return (null, $"negotiate {(int)negotiated.Status}: {negotiated.Body}");
            }
            token = negotiated.Token;
        }
        var (status, socket) = await UpgradeAsync(Blazor, token);
        if (status != HttpStatusCode.SwitchingProtocols)
        {
            socket.Dispose();
            return (null, $"upgrade {(int)status}");
        }
        var connection = new LiveConnection(socket);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"blazorpack\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
        var handshake = await connection.NextAsync(TimeSpan.FromSeconds(10));
        if (handshake is null || !handshake.StartsWith("{}", StringComparison.Ordinal))
        {
            await connection.DisposeAsync();
            return (null, $"handshake: {handshake}");
        }
        // Refused connections are closed at once with the reason (sometimes in the same frame as the handshake's
        // answer); an accepted one stays silent until its first ping.
        var reason = handshake[(handshake.IndexOf('\u001e', StringComparison.Ordinal) + 1)..]
            + await connection.NextAsync(settle ?? TimeSpan.FromMilliseconds(300));
        // The refusal comes in the connection's language; SignalR's own framing of it says it is one in any.
        if (!connection.IsOpen || reason.Contains("Too many", StringComparison.Ordinal)
            || reason.Contains("Connection closed with an error", StringComparison.Ordinal))
        {
            await connection.DisposeAsync();
            return (null, reason.Length > 0 ? reason : "closed");
        }
        return (connection, "");
    }

    private HttpClient Client() => new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
    {
        BaseAddress = host.BaseAddress,
    };

    private void AddHeaders(System.Net.Http.Headers.HttpRequestHeaders headers, string? origin)
    {
        if (origin is not null)
        {
            headers.Add("Origin", origin);
        }
        if (clientAddress is not null)
        {
            headers.Add("X-Forwarded-For", clientAddress);
        }
        if (acceptLanguage is not null)
        {
            headers.Add("Accept-Language", acceptLanguage);
        }
    }
}

/// <summary>
/// An open socket whose messages are read in the background: cancelling a pending receive would abort the socket, so
/// waits with a timeout read from here instead.
/// </summary>
internal sealed class LiveConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly System.Threading.Channels.Channel<string> _messages = System.Threading.Channels.Channel.CreateUnbounded<string>();

    public LiveConnection(ClientWebSocket socket)
    {
        _socket = socket;
        _ = ReadAsync();
    }

    public bool IsOpen => _socket.State == WebSocketState.Open;

    /// <summary>The next message as text; null when the socket closed or nothing came within <paramref name="wait"/>.</summary>
    public async Task<string?> NextAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await _messages.Reader.ReadAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            return null;
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[8192];
        var text = new StringBuilder();
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                text.Append(Encoding.UTF8.GetString(buffer, 0, received.Count));
                if (received.EndOfMessage)
                {
                    _messages.Writer.TryWrite(text.ToString());
                    text.Clear();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        _messages.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        _socket.Dispose();
    }
}
