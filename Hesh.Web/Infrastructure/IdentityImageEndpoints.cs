using System.Security.Claims;
using System.Security.Cryptography;
using Hesh.Core.Overview;
using Microsoft.Net.Http.Headers;

namespace Hesh.Web.Infrastructure;

/// <summary>
/// The company logo and the signed-in person's photo for the top bar: served once and cached by the browser, instead
/// of a data URL of up to megabytes kept in every open tab's server memory and sent with every render.
/// </summary>
public static class IdentityImageEndpoints
{
    /// <summary>Short: a new logo shows within minutes even where its URL did not change; the ETag makes each check cheap.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    public static WebApplication MapHeshIdentityImages(this WebApplication app)
    {
        app.MapGet("/company/logo", (HttpContext http, ClaimsPrincipal user, IdentityImages images, CancellationToken ct) =>
            ServeAsync(http, images.CompanyLogoAsync(ActorId(user), ct))).RequireAuthorization();
        app.MapGet("/me/photo", (HttpContext http, ClaimsPrincipal user, IdentityImages images, CancellationToken ct) =>
            ServeAsync(http, images.OwnPhotoAsync(ActorId(user), ct))).RequireAuthorization();
        return app;
    }

    private static string ActorId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    private static async Task<IResult> ServeAsync(HttpContext http, Task<IdentityImage?> load)
    {
        if (await load is not { } image)
        {
            return Results.NotFound();
        }
        var tag = new EntityTagHeaderValue($"\"{Convert.ToHexString(SHA256.HashData(image.Content))[..32]}\"");
        // Private: a logo is for the company's own people, never for a shared cache in between.
        http.Response.Headers.CacheControl = $"private, max-age={(int)CacheFor.TotalSeconds}";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(image.Content, image.ContentType, entityTag: tag);
    }
}
