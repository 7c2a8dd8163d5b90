using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Hesh.Web.Infrastructure;

/// <summary>Who is signed in on this circuit. Only the id: what they may do is always read from the store.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    public async Task<string> GetIdAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
    }
}
