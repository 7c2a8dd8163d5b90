using System.Globalization;
using Hesh.Core.Preferences;

namespace Hesh.Core.Email;

/// <summary>
/// The language an email is written in: the recipient's, not the sender's. Mail is often sent by someone else's
/// action (an admin's reset, an approver's answer) or by background work with no person at all.
/// </summary>
public static class EmailLanguage
{
    /// <summary>
    /// The recipient's own choice, else their company's default, else <paramref name="fallback"/> (e.g. the inviter's
    /// current language, for a person who never chose), else English.
    /// </summary>
    public static CultureInfo For(string? personal, string? companyDefault, string? fallback = null) =>
        Languages.Culture(Languages.Resolve(personal, companyDefault, fallback));

    /// <summary>A new person invited by someone: the company's default, else the inviter's current language.</summary>
    public static CultureInfo ForInvitee(string? personal, string? companyDefault) =>
        For(personal, companyDefault, CultureInfo.CurrentUICulture.Name);
}

/// <summary>
/// Sets the thread's UI culture (and formatting culture) for the span of writing one message, and puts the previous
/// ones back. Synchronous use only: the templates compose without awaiting.
/// </summary>
internal sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _ui = CultureInfo.CurrentUICulture;
    private readonly CultureInfo _format = CultureInfo.CurrentCulture;

    public CultureScope(CultureInfo? culture)
    {
        if (culture is not null)
        {
            CultureInfo.CurrentUICulture = culture;
            CultureInfo.CurrentCulture = culture;
        }
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _ui;
        CultureInfo.CurrentCulture = _format;
    }
}

public static class EmailLanguageLookup
{
    /// <summary>
    /// The language of mail to <paramref name="user"/>: theirs, else their company's default (read only when needed),
    /// else <paramref name="fallback"/>, else English.
    /// </summary>
    public static async Task<CultureInfo> EmailCultureAsync(this Hesh.Core.Data.HeshDbContext db, Hesh.Core.Users.HeshUser user,
        CancellationToken ct = default, string? fallback = null)
    {
        if (Languages.Normalize(user.Language) is { } own)
        {
            return Languages.Culture(own);
        }
        var company = user.Company?.DefaultLanguage ?? await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
            System.Linq.Queryable.Select(System.Linq.Queryable.Where(db.Companies, c => c.Id == user.CompanyId), c => c.DefaultLanguage), ct);
        return EmailLanguage.For(null, company, fallback);
    }
}
