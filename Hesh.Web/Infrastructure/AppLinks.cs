using Hesh.Core.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hesh.Web.Infrastructure;

/// <summary>
/// Links in emails point at Hesh:PublicUrl when set (behind a proxy), else at the address the admin is using,
/// else (outside any request) at the first address the server listens on.
/// </summary>
internal sealed class AppLinks(LinkBase linkBase, NavigationManager navigation, IConfiguration configuration, IServer server) : IAppLinks
{
    private string Base => (configuration["Hesh:PublicUrl"] is { Length: > 0 } url ? url : linkBase.Uri ?? CurrentBase()).TrimEnd('/');

    public string Invitation(string userId, string token) =>
        $"{Base}/Account/Invitation?userId={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";

    public string PasswordReset(string email, string code) =>
        $"{Base}/Account/ResetPassword?email={Uri.EscapeDataString(email)}&code={Uri.EscapeDataString(code)}";

    public string SignIn() => $"{Base}/Account/Login";

    private string CurrentBase()
    {
        try
        {
            return navigation.BaseUri;
        }
        catch (InvalidOperationException)
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
            return address.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://+", "://localhost");
        }
    }
}
