using Hesh.Core.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hesh.Web.Infrastructure;

/// <summary>
/// Links in emails point at Hesh:PublicUrl. Without it, in Development, at the address the browser is using;
/// elsewhere at the address the server listens on — never at a request's Host header, which anyone can forge
/// to have a reset link carry its code to their own site.
/// </summary>
internal sealed class AppLinks(LinkBase linkBase, NavigationManager navigation, IConfiguration configuration, IServer server,
    IHostEnvironment environment) : IAppLinks
{
    private string Base => (configuration["Hesh:PublicUrl"] is { Length: > 0 } url ? url
        : environment.IsDevelopment() ? linkBase.Uri ?? CurrentBase() : ListeningBase()).TrimEnd('/');

    public string Invitation(string userId, string token) =>
        $"{Base}/Account/Invitation?userId={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";

    public string PasswordReset(string email, string code) =>
        $"{Base}/Account/ResetPassword?email={Uri.EscapeDataString(email)}&code={Uri.EscapeDataString(code)}";

    public string SignIn() => $"{Base}/Account/Login";

    public string Overview() => $"{Base}/";

    public string Security(string userId) => $"{Base}/users/{Uri.EscapeDataString(userId)}?tab=security";
    public string SignUpConfirmation(string token) => $"{Base}/Account/SignUp/Confirm?token={Uri.EscapeDataString(token)}";

    private string CurrentBase()
    {
        try
        {
            return navigation.BaseUri;
        }
        catch (InvalidOperationException)
        {
            return ListeningBase();
        }
    }

    private string ListeningBase()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        return address.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://+", "://localhost").Replace("://*", "://localhost");
    }
}
