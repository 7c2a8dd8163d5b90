using Hesh.Web.Components.Account;

namespace Hesh.Tests.Account;

public sealed class RedirectTests
{
    private const string Base = "https://app.example/";

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("https://app.example///evil.example")]
    [InlineData("https://app.example//\\evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://app.example.evil.example/")]
    public void ReturnUrlsLeavingTheSite_GoHome(string returnUrl) =>
        Assert.Equal("", IdentityRedirectManager.LocalOnly(returnUrl, Base));

    [Theory]
    [InlineData("users", "users")]
    [InlineData("users/42?tab=security", "users/42?tab=security")]
    [InlineData("https://app.example/users/42", "users/42")]
    [InlineData("/users", "/users")]
    public void ReturnUrlsOnTheSite_AreFollowed(string returnUrl, string expected) =>
        Assert.Equal(expected, IdentityRedirectManager.LocalOnly(returnUrl, Base));
}
