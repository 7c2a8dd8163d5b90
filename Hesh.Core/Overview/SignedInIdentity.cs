using Hesh.Core.Data;
using Hesh.Core.Users;

namespace Hesh.Core.Overview;

/// <summary>
/// Who is signed in and to which company, as the top bar shows it. Pictures are not carried here: the bar links
/// them (<see cref="IdentityImages"/>), so a tab holds a URL, not the bytes of a logo.
/// </summary>
public sealed record SignedInIdentity(string UserId, string PersonName, string Initials, string RoleName, string CompanyName, string? PhotoVersion, string? LogoVersion);

/// <summary>A picture and its content type.</summary>
public sealed record IdentityImage(byte[] Content, string ContentType);

public sealed class IdentityImages(HeshDbContext db, CurrentActorLoader actors)
{
    /// <summary>The signed-in person and their company; null for anyone not Active.</summary>
    public async Task<SignedInIdentity?> CurrentAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is not { Status: UserStatus.Active })
        {
            return null;
        }
        // Lengths only, to version the picture URLs: the bytes stay in the store until a browser asks for them.
        var row = await db.Users.AsNoTracking().Where(u => u.Id == actor.Id)
            .Select(u => new
            {
                u.FirstName, u.LastName, u.IsOwner, u.IsAdmin, Company = u.Company!.Name,
                Photo = u.Photo == null ? (int?)null : u.Photo.Length,
                Logo = u.Company.Logo == null ? (int?)null : u.Company.Logo.Length,
            })
            .SingleAsync(ct);
        var name = $"{row.FirstName} {row.LastName}".Trim();
        return new SignedInIdentity(actor.Id, name, Initials(row.FirstName, row.LastName),
            row.IsOwner ? Messages.Say("Company owner") : row.IsAdmin ? Messages.Say("Admin") : Messages.Say("User"), row.Company,
            row.Photo?.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Logo?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The logo of the actor's own company, for anyone Active in it.</summary>
    public async Task<IdentityImage?> CompanyLogoAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is not { Status: UserStatus.Active })
        {
            return null;
        }
        var logo = await db.Companies.AsNoTracking().Where(c => c.Id == actor.CompanyId).Select(c => new { c.Logo, c.LogoContentType }).SingleAsync(ct);
        return logo.Logo is null ? null : new IdentityImage(logo.Logo, logo.LogoContentType ?? "application/octet-stream");
    }

    /// <summary>The actor's own photo.</summary>
    public async Task<IdentityImage?> OwnPhotoAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is not { Status: UserStatus.Active })
        {
            return null;
        }
        var photo = await db.Users.AsNoTracking().Where(u => u.Id == actor.Id).Select(u => new { u.Photo, u.PhotoContentType }).SingleAsync(ct);
        return photo.Photo is null ? null : new IdentityImage(photo.Photo, photo.PhotoContentType ?? "application/octet-stream");
    }

    public static string Initials(string first, string last)
    {
        var letters = string.Concat(new[] { first, last }.Where(p => p.Trim().Length > 0).Select(p => char.ToUpperInvariant(p.Trim()[0])));
        return letters.Length == 0 ? "?" : letters;
    }
}
