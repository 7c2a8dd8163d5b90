using Hesh.Core.Common;
using Microsoft.AspNetCore.Components;

namespace Hesh.Web.Infrastructure;

/// <summary>Links in emails point at the address the admin is using, or at Hesh:PublicUrl behind a proxy.</summary>
internal sealed class AppLinks(NavigationManager navigation, IConfiguration configuration) : IAppLinks
{
    private string Base => (configuration["Hesh:PublicUrl"] is { Length: > 0 } url ? url : navigation.BaseUri).TrimEnd('/');

    public string Invitation(string userId, string token) =>
        $"{Base}/Account/Invitation?userId={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";

    public string PasswordReset(string email, string code) =>
        $"{Base}/Account/ResetPassword?email={Uri.EscapeDataString(email)}&code={Uri.EscapeDataString(code)}";

    public string SignIn() => $"{Base}/Account/Login";
}
