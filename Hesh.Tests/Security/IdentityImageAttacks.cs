using System.Net;
using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Users;

namespace Hesh.Tests.Security;

/// <summary>
/// The top bar's images (<c>/company/logo</c>, <c>/me/photo</c>) take no id: each serves the signed-in person's own
/// company logo or photo. Signed out they serve nothing, another company's people never get this company's logo, and
/// what they serve is neither sniffed nor kept by a shared cache. Reading them changes nothing.
/// </summary>
public sealed class IdentityImageAttacks(AppHost host)
{
    private async Task<TestCompany> CompanyWithLogoAsync()
    {
        var company = await host.CreateCompanyAsync();
        Assert.True((await host.Call<CompanyService, Result>(s => s.SetLogoAsync(company.OwnerId, UserPhotoTests.Png))).Succeeded);
        return company;
    }

    [Theory]
    [InlineData("/company/logo")]
    [InlineData("/me/photo")]
    [InlineData("/company/logo?v=../../me/photo")]
    public async Task Signed_out_an_identity_image_sends_to_sign_in_and_serves_no_image(string path)
    {
        var company = await CompanyWithLogoAsync();
        using var anonymous = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        using var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
        Assert.NotEqual("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Another_companys_people_never_get_this_companys_logo()
    {
        var mine = await CompanyWithLogoAsync();
        var theirs = await host.CreateCompanyAsync();
        using var outsider = await host.SignedInAsync(theirs.OwnerEmail);
        var before = await DbFingerprint.TakeAsync(host, mine.Id);

        using var response = await outsider.GetAsync($"/company/logo?company={mine.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, mine.Id));
    }

    [Fact]
    public async Task The_own_logo_is_never_for_a_shared_cache_and_never_sniffed()
    {
        var company = await CompanyWithLogoAsync();
        using var owner = await host.SignedInAsync(company.OwnerEmail);

        using var response = await owner.GetAsync("/company/logo");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(UserPhotoTests.Png, await response.Content.ReadAsByteArrayAsync());
        // Never for a shared cache: private, or (as the authenticated pipeline answers today) not stored at all.
        var cache = response.Headers.CacheControl!;
        Assert.False(cache.Public);
        Assert.True(cache.Private || cache.NoStore, cache.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
