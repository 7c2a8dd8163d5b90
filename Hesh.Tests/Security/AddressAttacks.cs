using System.Net;
using Hesh.Tests.Infrastructure;

namespace Hesh.Tests.Security;

/// <summary>
/// Crafted links: an attacker sends a signed-in user an address of Hesh's own with a query string of their making.
/// A malformed filter must not replace the page with an error, and the no-access page must not say the attacker's
/// words in Hesh's voice ("You need a permission … to open Call 555-0100 …"): it names only a page Hesh has.
/// </summary>
public sealed class AddressAttacks(AppHost host)
{
    public static TheoryData<string> MalformedAddresses =>
    [
        "/users?department=abc",
        "/users?position=abc",
        "/users?department=1&position=%3Cscript%3E",
        "/users?status=Active&department=not-a-guid",
        "/Account/ChangePassword?required=abc",
    ];

    [Theory]
    [MemberData(nameof(MalformedAddresses))]
    public async Task A_malformed_value_in_the_address_is_ignored_and_the_page_still_shows(string path)
    {
        var company = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await session.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(path.StartsWith("/users", StringComparison.Ordinal) ? "data-testid=\"users-grid\"" : "name=\"Input.CurrentPassword\"", html);
        Assert.DoesNotContain("Cannot parse", html);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    public static TheoryData<string, string> AttackerText => new()
    {
        { "Call 555-0100 to restore your access", "555-0100" },
        { "https://evil.example/restore", "evil.example" },
        { "//evil.example/users", "evil.example" },
        { "/users/call-555-0100-now", "555-0100" },
        { "/users?reason=Call+555-0100", "555-0100" },
        { "/nowhere-call-555-0100", "555-0100" },
    };

    [Theory]
    [MemberData(nameof(AttackerText))]
    public async Task The_no_access_page_never_shows_text_from_its_address(string returnUrl, string marker)
    {
        var company = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);

        var html = await session.GetPageAsync($"/no-access?ReturnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Contains("data-testid=\"no-access\"", html);
        Assert.DoesNotContain(marker, html);
    }

    [Theory]
    [InlineData("/audit", "/audit")]
    [InlineData("/users?department=abc", "/users")]
    [InlineData("/products/6f1c1d9e-4a8e-4a53-9d0e-1f9a8f0c2b11", "/products/6f1c1d9e-4a8e-4a53-9d0e-1f9a8f0c2b11")]
    public async Task The_no_access_page_names_the_page_when_it_is_one_hesh_has(string returnUrl, string shown)
    {
        var company = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);

        var html = await session.GetPageAsync($"/no-access?ReturnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Contains($"to open {shown}.", html);
    }
}
