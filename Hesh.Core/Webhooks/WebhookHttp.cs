using System.Net;
using System.Net.Sockets;

namespace Hesh.Core.Webhooks;

/// <summary>Thrown at connect time when every address of the receiver's name is one a webhook may not reach.</summary>
public sealed class WebhookAddressRefusedException(string message) : IOException(message);

/// <summary>The HTTP plumbing of deliveries: no redirects, no proxy, and the address guard on the socket actually opened.</summary>
public static class WebhookHttp
{
    public static SocketsHttpHandler CreateHandler(bool allowLoopback) => new()
    {
        // A redirect would send the signed body somewhere the guard never saw at add time; a 3xx counts as a failure.
        AllowAutoRedirect = false,
        // A proxy would dial for us, out of the guard's sight.
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, allowLoopback, ct),
    };

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowLoopback, CancellationToken ct)
    {
        var host = endPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var refused = addresses.Select(a => (Address: a, Why: WebhookAddressGuard.Refusal(a, allowLoopback))).Where(a => a.Why is not null).ToList();
        // A name that resolves to any private address is refused whole: dialling only its public ones would still let
        // its owner choose, between attempts, which answer comes first.
        if (addresses.Length == 0 || refused.Count > 0)
        {
            throw new WebhookAddressRefusedException(refused.Count > 0
                ? $"Refused: {endPoint.Host} resolves to {refused[0].Why}."
                : $"Refused: {endPoint.Host} has no address.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
