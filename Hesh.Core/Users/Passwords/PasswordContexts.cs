using Hesh.Core.Data;

namespace Hesh.Core.Users.Passwords;

/// <summary>The <see cref="PasswordContext"/> of a user: their names and email, and their company's name.</summary>
public sealed class PasswordContexts(HeshDbContext db, CurrentActorLoader actors)
{
    /// <summary>
    /// For the validator. Sign-up passes the company in <see cref="HeshUser.Company"/>: its name is what the person
    /// just typed, whatever the store holds yet.
    /// </summary>
    public async Task<PasswordContext> OfAsync(HeshUser user, CancellationToken ct = default)
    {
        var company = user.Company?.Name
            ?? await db.Companies.AsNoTracking().Where(c => c.Id == user.CompanyId).Select(c => c.Name).SingleOrDefaultAsync(ct);
        return PasswordContext.Of(user, company);
    }

    /// <summary>For a strength meter the actor sees while setting <paramref name="userId"/>'s password; null when they may not see that user.</summary>
    public async Task<PasswordContext?> ForAsync(string actorId, string userId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null)
        {
            return null;
        }
        var user = await db.Users.AsNoTracking().Include(u => u.Company)
            .SingleOrDefaultAsync(u => u.Id == userId && u.CompanyId == actor.CompanyId, ct);
        return user is not null && UserAccess.CanView(actor, user) ? PasswordContext.Of(user, user.Company?.Name) : null;
    }
}
