using System.Net;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Hesh.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hesh.Tests.Live;

/// <summary>
/// The plain-text refusals of the live endpoints (Hesh.Web/Live/LiveRefusals.cs) speak the language the request
/// resolved — Accept-Language for a signed-out browser — whether the refusal is the middleware's answer to a negotiate
/// or the hub filter's closing of a connection that opened past the cap.
/// </summary>
public sealed class LiveRefusalsTests(AppHost host)
{
    private const string TooManyTabsEn = "Too many open Hesh tabs — close some and reload.";
    private const string TooManyTabsUk = "Забагато відкритих вкладок Hesh — закрийте кілька й перезавантажте сторінку.";

    /// <summary>An anonymous address whose open tabs are counted at the cap, without opening them; given back afterwards.</summary>
    private sealed class AtTheCap : IDisposable
    {
        private readonly CircuitCounter _counter;
        private readonly int _cap;

        public AtTheCap(AppHost host)
        {
            Address = $"10.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";
            _counter = host.Services.GetRequiredService<CircuitCounter>();
            _cap = CircuitCounter.CapOf(Key, host.Services.GetRequiredService<IOptions<CircuitLimits>>().Value);
        }

        public string Address { get; }

        private string Key => $"address:{Address}";

        public void Fill()
        {
            for (var i = 0; i < _cap; i++)
            {
                Assert.True(_counter.TryOpen(Key, _cap));
            }
        }

        public void Dispose()
        {
            while (_counter.OpenOf(Key) > 0)
            {
                _counter.Close(Key);
            }
        }
    }

    [Theory]
    [InlineData(null, "Live connections are accepted from Hesh's own pages only.")]
    [InlineData("en-GB,en;q=0.9", "Live connections are accepted from Hesh's own pages only.")]
    [InlineData("uk-UA,uk;q=0.9,en;q=0.5", "Підключення в реальному часі приймаються лише зі сторінок самого Hesh.")]
    public async Task AForeignOriginsRefusal_SpeaksTheBrowsersLanguage(string? acceptLanguage, string expected)
    {
        var (status, token, body) = await new LiveSockets(host, acceptLanguage: acceptLanguage).NegotiateAsync(LiveSockets.Blazor, "https://evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Null(token);
        Assert.Equal(expected, body);
    }

    [Theory]
    [InlineData(null, TooManyTabsEn)]
    [InlineData("uk", TooManyTabsUk)]
    public async Task TheTooManyTabsRefusalOfANegotiate_SpeaksTheBrowsersLanguage(string? acceptLanguage, string expected)
    {
        using var cap = new AtTheCap(host);
        cap.Fill();

        var (status, token, body) = await new LiveSockets(host, clientAddress: cap.Address, acceptLanguage: acceptLanguage).NegotiateAsync(LiveSockets.Blazor);

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Null(token);
        Assert.Equal(expected, body);
    }

    [Theory]
    [InlineData(null, TooManyTabsEn)]
    [InlineData("uk", TooManyTabsUk)]
    public async Task AConnectionClosedAsItOpensPastTheCap_IsToldWhyInTheBrowsersLanguage(string? acceptLanguage, string expected)
    {
        using var cap = new AtTheCap(host);
        var sockets = new LiveSockets(host, clientAddress: cap.Address, acceptLanguage: acceptLanguage);
        var (_, spare, _) = await sockets.NegotiateAsync(LiveSockets.Blazor);
        cap.Fill();

        var (refused, refusal) = await sockets.OpenCircuitConnectionAsync(spare, settle: TimeSpan.FromSeconds(5));

        Assert.Null(refused);
        Assert.Contains(expected, refusal);
    }
}
