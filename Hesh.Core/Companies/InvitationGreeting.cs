using Hesh.Core.Data;
using Hesh.Core.Users;

namespace Hesh.Core.Companies;

/// <summary>Which company and which account an invitation is for, said on the page that accepts it.</summary>
public sealed record InvitationFor(string CompanyName, string Email, string FirstName);

public sealed class InvitationGreetings(HeshDbContext db, TimeProvider clock)
{
    /// <summary>Only for a link that would work: a wrong or dead token learns nothing about the account or company.</summary>
    public async Task<InvitationFor?> ForAsync(string? userId, string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token))
        {
            return null;
        }
        var user = await db.Users.AsNoTracking().Include(u => u.Company).SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user?.Company is null || Invitation.Check(user, token, clock.GetUtcNow().UtcDateTime) != InvitationState.Valid)
        {
            return null;
        }
        return new InvitationFor(user.Company.Name, user.Email!, user.FirstName);
    }
}
