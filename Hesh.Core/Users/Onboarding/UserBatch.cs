using System.Security.Cryptography;
using Hesh.Core.ApiKeys;
using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Grants;
using Hesh.Core.Permissions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hesh.Core.Users.Onboarding;

/// <summary>
/// Creates many people of one company at once — the file import and the Public API's batch call. Everything is
/// validated first; one error anywhere and nothing is written. People who already exist in the company (same email,
/// case-insensitive, or same phone number) are skipped and answered with their id. The rest are created Pending with an
/// invitation, their position's template applied, one <see cref="AuditAction.UserImported"/> entry each, in one commit;
/// invitation emails go out only after it.
/// </summary>
/// <remarks>
/// Users are added through the DbContext, not <see cref="UserManager{TUser}.CreateAsync(TUser)"/>, which saves once per
/// user: 5,000 saves would be 5,000 transactions. What CreateAsync would have done is done here — normalized email and
/// user name, security and concurrency stamps, lockout enabled, the user-name characters and unique email checked — and
/// the unique index on the normalized user name still refuses a concurrent duplicate, failing the whole commit.
/// </remarks>
public sealed class UserBatch(
    HeshDbContext db,
    ILookupNormalizer normalizer,
    IOptions<IdentityOptions> identity,
    AccountWork work,
    TimeProvider clock,
    ILogger<UserBatch> logger)
{
    /// <summary>The Public API's limit per call; the API checks it before calling.</summary>
    public const int MaxPerCall = 1000;
    /// <summary>The file import's limit, and the most any one call creates.</summary>
    public const int MaxPerImport = 5000;

    public static string EmailTaken => Messages.Say("A user with this email already exists.");

    /// <summary>Fields, duplicates within the list, department and position of the company, emails of other companies.</summary>
    public async Task<IReadOnlyList<BatchError>> ValidateAsync(Guid companyId, IReadOnlyList<NewPerson> people, CancellationToken ct) =>
        (await PlanAsync(companyId, people, ct)).Errors;

    /// <summary>What <see cref="CreateAsync"/> would do now, with every error; writes nothing.</summary>
    public async Task<BatchPlan> PlanAsync(Guid companyId, IReadOnlyList<NewPerson> people, CancellationToken ct)
    {
        var errors = new List<BatchError>();
        var allowedNameChars = identity.Value.User.AllowedUserNameCharacters;
        var seenEmails = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenPhones = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            var input = new InviteUserInput
            {
                Email = person.Email?.Trim() ?? "", FirstName = person.FirstName?.Trim() ?? "", LastName = person.LastName?.Trim() ?? "",
                Phone = Blank(person.Phone), ExternalId = Blank(person.ExternalId),
            };
            var invalid = InputValidation.Validate(input);
            foreach (var (field, message) in invalid.FieldErrors)
            {
                errors.Add(new BatchError(i, FieldOf(field), message));
            }
            if (!invalid.FieldErrors.ContainsKey(nameof(InviteUserInput.Email)) && !string.IsNullOrEmpty(allowedNameChars)
                && input.Email.Any(c => !allowedNameChars.Contains(c)))
            {
                errors.Add(new BatchError(i, BatchFields.Email, Messages.Say("Email may contain only letters, digits and - . _ @ +.")));
            }
            if (input.Email.Length > 0 && !seenEmails.TryAdd(normalizer.NormalizeEmail(input.Email), i))
            {
                errors.Add(new BatchError(i, BatchFields.Email, Messages.Say("This email appears more than once in the list."), seenEmails[normalizer.NormalizeEmail(input.Email)]));
            }
            if (PhoneKey(input.Phone) is { } phone && !seenPhones.TryAdd(phone, i))
            {
                errors.Add(new BatchError(i, BatchFields.Phone, Messages.Say("This phone number appears more than once in the list."), seenPhones[phone]));
            }
        }

        var departmentIds = people.Where(p => p.DepartmentId is not null).Select(p => p.DepartmentId!.Value).Distinct().ToList();
        var positionIds = people.Where(p => p.PositionId is not null).Select(p => p.PositionId!.Value).Distinct().ToList();
        var departments = departmentIds.Count == 0 ? [] : (await db.Departments.AsNoTracking()
            .Where(d => d.CompanyId == companyId && departmentIds.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct)).ToHashSet();
        var positions = positionIds.Count == 0 ? [] : (await db.Positions.AsNoTracking()
            .Where(p => p.CompanyId == companyId && positionIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();

        var emails = seenEmails.Keys.ToList();
        // Emails are unique across Hesh (they are the sign-in name); one of another company is refused without naming it.
        var byEmail = new Dictionary<string, (string Id, Guid CompanyId)>(StringComparer.Ordinal);
        foreach (var chunk in emails.Chunk(500))
        {
            var found = await db.Users.AsNoTracking().Where(u => chunk.Contains(u.NormalizedEmail!))
                .Select(u => new { u.Id, u.CompanyId, u.NormalizedEmail }).ToListAsync(ct);
            foreach (var u in found)
            {
                byEmail[u.NormalizedEmail!] = (u.Id, u.CompanyId);
            }
        }
        var byPhone = new Dictionary<string, string>(StringComparer.Ordinal);
        if (seenPhones.Count > 0)
        {
            var phones = await db.Users.AsNoTracking().Where(u => u.CompanyId == companyId && u.PhoneNumber != null)
                .OrderBy(u => u.CreatedAt).Select(u => new { u.Id, u.PhoneNumber }).ToListAsync(ct);
            foreach (var u in phones)
            {
                if (PhoneKey(u.PhoneNumber) is { } key)
                {
                    byPhone.TryAdd(key, u.Id);
                }
            }
        }

        var rows = new List<BatchRow>(people.Count);
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            if (person.DepartmentId is { } d && !departments.Contains(d))
            {
                errors.Add(new BatchError(i, BatchFields.Department, Messages.Say("This department does not exist.")));
            }
            if (person.PositionId is { } p && !positions.Contains(p))
            {
                errors.Add(new BatchError(i, BatchFields.Position, Messages.Say("This position does not exist.")));
            }
            var email = person.Email?.Trim() is { Length: > 0 } e ? normalizer.NormalizeEmail(e) : null;
            if (email is not null && byEmail.TryGetValue(email, out var owner))
            {
                if (owner.CompanyId != companyId)
                {
                    errors.Add(new BatchError(i, BatchFields.Email, EmailTaken));
                }
                else
                {
                    rows.Add(new BatchRow(i, BatchOutcome.Skipped, owner.Id, "exists (email)"));
                }
                continue;
            }
            rows.Add(PhoneKey(person.Phone) is { } phone && byPhone.TryGetValue(phone, out var samePhone)
                ? new BatchRow(i, BatchOutcome.Skipped, samePhone, "exists (phone)")
                : new BatchRow(i, BatchOutcome.Created, "", null));
        }
        errors.Sort((a, b) => a.Index != b.Index ? a.Index.CompareTo(b.Index) : string.CompareOrdinal(a.Field, b.Field));
        return new BatchPlan(rows, errors);
    }

    /// <summary>
    /// Creates the people that do not exist yet, all in one commit. Fails (with <see cref="BatchResult.Errors"/> in the
    /// value, nothing written) when any item is invalid; fails without a value when the caller may not create users, the
    /// list is empty or longer than <see cref="MaxPerImport"/>. <paramref name="source"/> is the audit entries' "What"
    /// ("Import from file", "Public API"). With <paramref name="sendInvitations"/> each new user is emailed after the commit.
    /// </summary>
    public async Task<Result<BatchResult>> CreateAsync(BatchCaller caller, IReadOnlyList<NewPerson> people, string source, bool sendInvitations,
        CancellationToken ct)
    {
        if (Refusal(caller) is { } refusal)
        {
            return Result<BatchResult>.From(Result.Fail(refusal));
        }
        if (people.Count == 0)
        {
            return Result<BatchResult>.From(Result.Fail(Messages.Say("There is nobody to create.")));
        }
        if (people.Count > MaxPerImport)
        {
            return Result<BatchResult>.From(Result.Fail(Messages.Say("At most {0:N0} people can be created at once.", MaxPerImport)));
        }
        var plan = await PlanAsync(caller.CompanyId, people, ct);
        if (!plan.IsValid)
        {
            var failed = plan.Errors.Select(e => e.Index).Distinct().Count();
            return new Result<BatchResult>
            {
                Error = failed == 1 ? Messages.Say("{0} item has errors; nobody was created.", failed) : Messages.Say("{0} items have errors; nobody was created.", failed),
                Value = new BatchResult([], plan.Errors),
            };
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var positionIds = people.Where(p => p.PositionId is not null).Select(p => p.PositionId!.Value).Distinct().ToList();
        var templates = positionIds.Count == 0 ? [] : (await db.Positions.AsNoTracking()
            .Where(p => p.CompanyId == caller.CompanyId && positionIds.Contains(p.Id)).ToListAsync(ct))
            .Where(p => p.Template is not null).ToDictionary(p => p.Id, p => (Template: p.Template!, p.Name));
        var lockout = identity.Value.Lockout.AllowedForNewUsers;

        var rows = new List<BatchRow>(plan.Rows.Count);
        var created = new List<(HeshUser User, string Token)>();
        foreach (var row in plan.Rows)
        {
            if (row.Outcome == BatchOutcome.Skipped)
            {
                rows.Add(row);
                continue;
            }
            var person = people[row.Index];
            var email = person.Email.Trim();
            var user = new HeshUser
            {
                UserName = email, Email = email, EmailConfirmed = true, CompanyId = caller.CompanyId,
                NormalizedUserName = normalizer.NormalizeName(email), NormalizedEmail = normalizer.NormalizeEmail(email),
                SecurityStamp = NewStamp(), ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = lockout,
                FirstName = person.FirstName.Trim(), LastName = person.LastName.Trim(),
                PhoneNumber = Blank(person.Phone), ExternalId = Blank(person.ExternalId),
                Status = UserStatus.Pending, CreatedAt = now, DepartmentId = person.DepartmentId, PositionId = person.PositionId,
            };
            if (person.PositionId is { } positionId && templates.TryGetValue(positionId, out var template))
            {
                // The template was filled by someone allowed to grant it; a new user simply starts with it.
                user.WebAccess = template.Template.Web;
                user.MobileAccess = template.Template.Mobile;
                GrantLedger.Record(db, user, new AccessPair(AccessSet.Empty, AccessSet.Empty), template.Template,
                    new GrantOrigin(GrantSource.Template, caller.Person?.Id ?? caller.ActorRef, caller.Person?.Name ?? caller.ActorName, now, template.Name), []);
            }
            var token = Invitation.Issue(user, now);
            db.Users.Add(user);
            if (caller.Person is { } person2)
            {
                AuditLog.Record(db, now, person2, user, AuditAction.UserImported, source, null, user.Email);
            }
            else
            {
                AuditLog.RecordBy(db, now, caller.CompanyId, caller.ActorRef, caller.ActorName, user.Id, user.FullName,
                    AuditAction.UserImported, source, null, user.Email);
            }
            created.Add((user, token));
            rows.Add(new BatchRow(row.Index, BatchOutcome.Created, user.Id, null));
        }

        if (created.Count > 0)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException ex)
            {
                // Someone created one of these emails at the same moment (the unique user name index): nothing was saved.
                db.ChangeTracker.Clear();
                logger.LogWarning(ex, "Batch of {Count} users for company {CompanyId} failed to commit", created.Count, caller.CompanyId);
                return Result<BatchResult>.From(Result.Fail(Messages.Say("Some of these people were added by someone else at the same moment. Nobody was created; try again.")));
            }
        }
        logger.LogInformation("Batch by {ActorRef} for company {CompanyId} from {Source}: {Created} created, {Skipped} skipped",
            caller.ActorRef, caller.CompanyId, source, created.Count, rows.Count - created.Count);

        var notSent = sendInvitations && created.Count > 0 ? await work.SendInvitationsAsync(created, ct) : 0;
        return Result<BatchResult>.Success(new BatchResult(rows, [], notSent));
    }

    /// <summary>Why the caller may not create users of the company; null when they may.</summary>
    private static string? Refusal(BatchCaller caller) => caller.Person switch
    {
        { } person when person.CompanyId != caller.CompanyId || !UserAccess.CanInvite(person) => Messages.Say("Only an administrator can add users."),
        null when !caller.KeyScopes.HasFlag(ApiScopes.UsersWrite) => Messages.Say("This API key may not create users (it lacks the users:write scope)."),
        _ => null,
    };

    private static string FieldOf(string property) => property switch
    {
        nameof(InviteUserInput.Email) => BatchFields.Email,
        nameof(InviteUserInput.FirstName) => BatchFields.FirstName,
        nameof(InviteUserInput.LastName) => BatchFields.LastName,
        nameof(InviteUserInput.Phone) => BatchFields.Phone,
        nameof(InviteUserInput.ExternalId) => BatchFields.ExternalId,
        _ => property,
    };

    /// <summary>The digits (and a leading +) of a phone number: "+1 555-010" and "+1555010" are the same phone.</summary>
    internal static string? PhoneKey(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : phone.TrimStart().StartsWith('+') ? "+" + digits : digits;
    }

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
