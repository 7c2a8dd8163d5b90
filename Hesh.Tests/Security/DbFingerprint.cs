using System.Security.Cryptography;
using System.Text;
using Hesh.Core.Data;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.Security;

/// <summary>
/// Everything an attack on a company could change, serialised one row a line: the company row, its users with every
/// access and credential column, departments, positions, products (steps, versions), productions, tasks, failures,
/// day-offs, position templates, server-side sessions and audit entries. Equal before and after an attack means the attack wrote nothing. Scoped to the given
/// companies (and, for account creation, to given emails and company names), so tests running in parallel on the
/// shared host do not disturb it.
/// </summary>
public static class DbFingerprint
{
    public static Task<string> TakeAsync(AppHost host, params Guid[] companies) => TakeAsync(host, companies, [], []);

    /// <summary>
    /// Without the session rows, for cases whose legitimate step between before and after is itself a sign-in or a
    /// sign-out (which begins or ends a session row and nothing else).
    /// </summary>
    public static Task<string> TakeExceptSessionsAsync(AppHost host, params Guid[] companies) => TakeAsync(host, companies, [], [], sessions: false);

    /// <summary>Also fingerprints accounts that should not exist or change: users by email, companies by name.</summary>
    public static Task<string> TakeAsync(AppHost host, IReadOnlyList<Guid> companies, IReadOnlyList<string> emails, IReadOnlyList<string> companyNames,
        bool sessions = true) =>
        host.DbAsync(async db =>
        {
            var text = new StringBuilder();
            foreach (var company in companies)
            {
                await AppendCompanyAsync(db, company, sessions, text);
            }
            foreach (var email in emails)
            {
                var users = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == email.ToUpperInvariant()).ToListAsync();
                text.AppendLine($"email {email}: {users.Count} user(s)");
                foreach (var user in users)
                {
                    text.AppendLine(UserLine(user));
                }
            }
            foreach (var name in companyNames)
            {
                text.AppendLine($"company named {name}: {await db.Companies.CountAsync(c => c.Name == name)}");
            }
            return text.ToString();
        });

    private static async Task AppendCompanyAsync(HeshDbContext db, Guid id, bool sessions, StringBuilder text)
    {
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        text.AppendLine(company is null
            ? $"company {id}: missing"
            : $"company {id}|{company.Name}|{company.Currency}|{company.KeyAbbreviation}|{company.LogoContentType}|{Hash(company.Logo)}" +
              $"|two-factor={company.TwoFactorPolicy}@{company.TwoFactorRequiredSince:O}+{company.TwoFactorGraceDays}d" +
              $"|language={company.DefaultLanguage}|zone={company.TimeZone}");

        foreach (var user in await db.Users.AsNoTracking().Where(u => u.CompanyId == id).OrderBy(u => u.Id).ToListAsync())
        {
            text.AppendLine(UserLine(user) + (sessions ? $"|last-sign-in={user.LastSignInAt:O}" : ""));
        }
        // Second factors: the authenticator key and recovery codes (Identity's token rows) and passkeys.
        var userIds = db.Users.Where(u => u.CompanyId == id).Select(u => u.Id);
        // The last authenticator code used (replay guard) moves with every code sign-in, as a sign-in moves "last seen".
        foreach (var t in await db.UserTokens.AsNoTracking().Where(t => userIds.Contains(t.UserId))
                     .Where(t => sessions || t.Name != Hesh.Core.TwoFactor.OneTimeAuthenticatorTokenProvider.LastCode)
                     .OrderBy(t => t.UserId).ThenBy(t => t.LoginProvider).ThenBy(t => t.Name).ToListAsync())
        {
            text.AppendLine($"token {t.UserId}|{t.LoginProvider}|{t.Name}|{Hash(System.Text.Encoding.UTF8.GetBytes(t.Value ?? ""))}");
        }
        // Without the sign count: a passkey sign-in moves it, as a sign-in moves "last seen".
        foreach (var line in (await db.UserPasskeys.AsNoTracking().Where(k => userIds.Contains(k.UserId)).ToListAsync())
                     .Select(k => $"passkey {k.UserId}|{Hash(k.CredentialId)}|{k.Data.Name}").Order(StringComparer.Ordinal))
        {
            text.AppendLine(line);
        }
        foreach (var d in await db.Departments.AsNoTracking().Where(d => d.CompanyId == id).OrderBy(d => d.Id).ToListAsync())
        {
            text.AppendLine($"department {d.Id}|{d.Name}|{d.ParentId}");
        }
        foreach (var p in await db.Positions.AsNoTracking().Where(p => p.CompanyId == id).OrderBy(p => p.Id).ToListAsync())
        {
            text.AppendLine($"position {p.Id}|{p.Name}|web-template={p.WebTemplate?.Serialize() ?? "-"}|mobile-template={p.MobileTemplate?.Serialize() ?? "-"}");
        }
        var products = await db.Products.AsNoTracking().Include(p => p.Steps).Where(p => p.CompanyId == id).OrderBy(p => p.Id).ToListAsync();
        var productIds = products.Select(p => p.Id).ToList();
        foreach (var p in products)
        {
            text.AppendLine($"product {p.Id}|{p.Name}|{p.Description}|v{p.LatestVersion}|{p.HasUnpublishedChanges}|{p.UpdatedAt:O}");
            foreach (var s in p.Steps.OrderBy(s => s.Order))
            {
                text.AppendLine($"  step {s.Order}|{s.Name}|{s.DepartmentId}|{s.BasicReward}");
            }
        }
        foreach (var v in await db.ProductVersions.AsNoTracking().Where(v => productIds.Contains(v.ProductId)).OrderBy(v => v.Id).ToListAsync())
        {
            text.AppendLine($"version {v.ProductId}|{v.Number}|{v.Name}|{v.StepsJson}");
        }
        foreach (var p in await db.Productions.AsNoTracking().Where(p => p.CompanyId == id).OrderBy(p => p.Number).ToListAsync())
        {
            text.AppendLine($"production {p.Id}|{p.Key}|{p.Status}|{p.Quantity}|{p.Client}|{p.Deadline:O}");
        }
        foreach (var t in await db.ProductionTasks.AsNoTracking().Where(t => t.CompanyId == id).OrderBy(t => t.Key).ToListAsync())
        {
            text.AppendLine($"task {t.Id}|{t.Key}|{t.Status}|{t.InQueue}|{t.AssigneeId}|{t.DueDate:O}|{t.DoneAt:O}");
        }
        foreach (var f in await db.TaskFailures.AsNoTracking().Where(f => f.CompanyId == id).OrderBy(f => f.Id).ToListAsync())
        {
            text.AppendLine($"failure {f.TaskId}|{f.Reason}|{f.Comment}|{f.ActorId}");
        }
        foreach (var d in await db.DayOffs.AsNoTracking().Where(d => d.CompanyId == id).OrderBy(d => d.Id).ToListAsync())
        {
            text.AppendLine($"day-off {d.Id}|{d.UserId}|{d.Start:O}|{d.End:O}|{d.Note}");
        }
        // Sessions without "last seen": every request of a signed-in user may touch it (SessionService.CheckAsync), so a read
        // that changes only it has written nothing an attacker could use.
        foreach (var s in sessions ? await db.UserSessions.AsNoTracking().Where(s => s.CompanyId == id).OrderBy(s => s.Id).ToListAsync() : [])
        {
            text.AppendLine($"session {s.Id}|{s.UserId}|{s.Device}|{s.IpAddress}|{s.SignedInAt:O}|stamp={s.Stamp}|ended={s.EndedAt:O}|{s.EndReason}");
        }
        // Where each grant came from and when a temporary one ends (issue 15).
        foreach (var g in await db.PermissionGrants.AsNoTracking().Where(g => g.CompanyId == id).OrderBy(g => g.Id).ToListAsync())
        {
            text.AppendLine($"grant {g.UserId}|{g.Platform}|{g.Key}|{g.Level}|{g.RevertTo}|{g.Source}|{g.SourceName}|{g.GrantedById}|{g.GrantedAt:O}|ends={g.EndsAt:O}");
        }
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.CompanyId == id).OrderBy(e => e.Id).ToListAsync();
        text.AppendLine($"audit entries: {audit.Count}");
        foreach (var e in audit)
        {
            text.AppendLine($"audit {e.Id}|{e.Action}|{e.ActorId}|{e.SubjectId}|{e.What}|{e.Before}|{e.After}|{e.Source}");
        }
        // Access requests (issue 15): an attack must neither ask, answer, withdraw nor expire one.
        foreach (var r in await db.AccessRequests.AsNoTracking().Where(r => r.CompanyId == id).OrderBy(r => r.Id).ToListAsync())
        {
            text.AppendLine($"access-request {r.Id}|{r.UserId}|{r.Platform}|{r.Key}|{r.Level}|{r.Status}|{r.WishedMinutes}|{r.Reason}|{r.DecidedById}|{r.DecidedAt:O}|{r.DecisionReason}|{r.GrantedUntil:O}");
        }
    }

    private static string UserLine(Hesh.Core.Users.HeshUser u) =>
        $"user {u.Id}|{u.CompanyId}|{u.Email}|{u.UserName}|{u.FirstName}|{u.LastName}|{u.PhoneNumber}|{u.ExternalId}|{u.Status}" +
        $"|admin={u.IsAdmin}|owner={u.IsOwner}|web={u.WebAccess.Serialize()}|mobile={u.MobileAccess.Serialize()}|v{u.AccessVersion}" +
        $"|stamp={u.SecurityStamp}|concurrency={u.ConcurrencyStamp}|hash={u.PasswordHash}|lockout={u.LockoutEnd:O}|failed={u.AccessFailedCount}" +
        $"|must-change-password={u.MustChangePassword}|two-factor={u.TwoFactorEnabled}" +
        $"|dept={u.DepartmentId}|pos={u.PositionId}|photo={u.PhotoContentType}:{Hash(u.Photo)}|invitation={u.InvitationTokenHash}@{u.InvitationExpiresAt:O}" +
        $"|language={u.Language}|zone={u.TimeZone}|theme={u.Theme}";

    private static string Hash(byte[]? bytes) => bytes is null ? "-" : Convert.ToHexString(SHA256.HashData(bytes))[..16];
}
