using Hesh.Core.Permissions;
using System.Buffers.Text;
using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.SignIns;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.TwoFactor;

/// <summary>One passkey as its owner sees it. <see cref="Id"/> is the credential id in base64url, as the browser names it.</summary>
public sealed record PasskeyView(string Id, string Name, DateTime CreatedAt, DateTime? LastUsedAt);

/// <summary>
/// A person's own passkeys: list (with "last used" from the sign-in history), add, rename, remove. Every method acts on
/// the actor's own passkeys only: another user's credential id is "not found", whoever's company it is. The WebAuthn
/// ceremony itself is Identity's (SignInManager); this service keeps what it produced.
/// </summary>
public sealed class PasskeyService(
    HeshDbContext db,
    UserManager<HeshUser> users,
    TimeProvider clock,
    ILogger<PasskeyService> logger)
{
    public const int NameMaxLength = 60;
    /// <summary>Far more than anyone needs; keeps one account from filling the table.</summary>
    public const int MaxPerUser = 20;

    public static Result NotFound => Result.Fail(Messages.Say("This passkey was not found.")) with { IsNotFound = true };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Result<IReadOnlyList<PasskeyView>>> ListAsync(string actorId, CancellationToken ct = default)
    {
        var user = await LoadAsync(actorId, ct);
        if (user is null)
        {
            return Result<IReadOnlyList<PasskeyView>>.From(Result.NotFound);
        }
        var passkeys = await users.GetPasskeysAsync(user);
        var lastUsed = await LastUsedAsync(user.Id, ct);
        return Result<IReadOnlyList<PasskeyView>>.Success(passkeys
            .Select(p => View(p, lastUsed))
            .OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal)
            .ToList());
    }

    public async Task<Result<PasskeyView>> GetAsync(string actorId, string passkeyId, CancellationToken ct = default)
    {
        var (user, passkey) = await FindOwnAsync(actorId, passkeyId, ct);
        return passkey is null
            ? Result<PasskeyView>.From(NotFound)
            : Result<PasskeyView>.Success(View(passkey, await LastUsedAsync(user!.Id, ct)));
    }

    /// <summary>
    /// Keeps a passkey the browser just created for the actor (Identity has verified the attestation). It gets a name
    /// from the device it was made on, which the person changes in the next step.
    /// </summary>
    /// <param name="userHandle">The user the creation options were made for: a sign-in as someone else in between must not attach it here.</param>
    public async Task<Result<PasskeyView>> AddAsync(string actorId, UserPasskeyInfo passkey, string? userHandle, string? userAgent, CancellationToken ct = default)
    {
        var user = await LoadAsync(actorId, ct);
        if (user is null)
        {
            return Result<PasskeyView>.From(Result.NotFound);
        }
        if (user.Status != UserStatus.Active || userHandle != user.Id)
        {
            return Result<PasskeyView>.From(Result.Fail(Messages.Say("This passkey was made for another account. Start again.")));
        }
        // Identity checks this during attestation; checked again here because the store would otherwise update the other
        // user's row (same credential id) instead of refusing.
        if (await users.FindByPasskeyIdAsync(passkey.CredentialId) is not null)
        {
            return Result<PasskeyView>.From(Result.Fail(Messages.Say("This passkey is already registered with Hesh.")));
        }
        var existing = await users.GetPasskeysAsync(user);
        if (existing.Count >= MaxPerUser)
        {
            return Result<PasskeyView>.From(Result.Fail(Messages.Say("You already have {0} passkeys. Remove one before adding another.", MaxPerUser)));
        }
        passkey.Name = UniqueName(Sessions.DeviceNames.Describe(userAgent), existing.Select(p => p.Name));
        // Recorded first: UserManager's save commits the audit entry together with the passkey.
        AuditLog.Record(db, Now, Actor.Of(user), user, AuditAction.PasskeyAdded, "Passkey", null, passkey.Name)
            .Announce(AccessChangeKind.TwoFactor, "a passkey was added");
        var added = await users.AddOrUpdatePasskeyAsync(user, passkey);
        if (!added.Succeeded)
        {
            return Result<PasskeyView>.From(Result.Fail(Messages.Say("The passkey could not be saved. Try again.")));
        }
        logger.LogInformation("Passkey added for {UserId}", user.Id);
        return Result<PasskeyView>.Success(View(passkey, new Dictionary<string, DateTime>()));
    }

    public async Task<Result> RenameAsync(string actorId, string passkeyId, string? name, CancellationToken ct = default)
    {
        var (user, passkey) = await FindOwnAsync(actorId, passkeyId, ct);
        if (passkey is null)
        {
            return NotFound;
        }
        var (clean, refusal) = CheckName(name);
        if (refusal is not null)
        {
            return Result.Invalid("Name", refusal);
        }
        if (clean == passkey.Name)
        {
            return Result.Ok;
        }
        passkey.Name = clean;
        var saved = await users.AddOrUpdatePasskeyAsync(user!, passkey);
        if (!saved.Succeeded)
        {
            return Result.Fail(Messages.Say("The passkey could not be renamed. Try again."));
        }
        logger.LogInformation("Passkey of {UserId} renamed", user!.Id);
        return Result.Ok;
    }

    /// <summary>
    /// Whether the actor may remove this passkey now: the one place that decides it, asked by the Security tab before it
    /// offers the confirmation and by <see cref="RemoveAsync"/> before it removes. Today it refuses only what is not the
    /// actor's own; the company's two-factor policy (never remove the last second factor while it is required) belongs here.
    /// </summary>
    public async Task<Result> CanRemoveAsync(string actorId, string passkeyId, CancellationToken ct = default)
    {
        var (user, passkey) = await FindOwnAsync(actorId, passkeyId, ct);
        if (passkey is null)
        {
            return NotFound;
        }
        // The company's two-factor policy: the last second factor of someone it covers stays until another is set up.
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == user!.CompanyId, ct);
        if (TwoFactorRequirement.Covers(company.TwoFactorPolicy, user!.IsAdmin, user.IsOwner) && !user.TwoFactorEnabled
            && await db.UserPasskeys.CountAsync(p => p.UserId == user.Id, ct) <= 1)
        {
            return Result.Fail(Messages.Say("{0} requires two-factor sign-in: set up an authenticator app or add another passkey before removing this one.", company.Name));
        }
        return Result.Ok;
    }

    public async Task<Result> RemoveAsync(string actorId, string passkeyId, CancellationToken ct = default)
    {
        var allowed = await CanRemoveAsync(actorId, passkeyId, ct);
        if (!allowed.Succeeded)
        {
            return allowed;
        }
        var (user, passkey) = await FindOwnAsync(actorId, passkeyId, ct);
        if (passkey is null)
        {
            return NotFound;
        }
        AuditLog.Record(db, Now, Actor.Of(user!), user!, AuditAction.PasskeyRemoved, "Passkey", passkey.Name, null)
            .Announce(AccessChangeKind.TwoFactor, "a passkey was removed");
        var removed = await users.RemovePasskeyAsync(user!, passkey.CredentialId);
        if (!removed.Succeeded)
        {
            return Result.Fail(Messages.Say("The passkey could not be removed. Try again."));
        }
        logger.LogInformation("Passkey removed for {UserId}", user!.Id);
        return Result.Ok;
    }

    /// <summary>1–60 characters once trimmed; no line breaks or markup (a name is shown in lists and the audit log).</summary>
    public static (string Name, string? Refusal) CheckName(string? name)
    {
        var clean = (name ?? "").Trim();
        if (clean.Length == 0)
        {
            return (clean, Messages.Say("Give the passkey a name."));
        }
        if (clean.Length > NameMaxLength)
        {
            return (clean, Messages.Say("Use at most {0} characters.", NameMaxLength));
        }
        if (clean.Any(c => char.IsControl(c) || c is '<' or '>'))
        {
            return (clean, Messages.Say("A passkey name cannot contain < or > or line breaks."));
        }
        return (clean, null);
    }

    /// <summary>"Chrome on Android", or "Chrome on Android 2" when the person already has one of that name.</summary>
    public static string UniqueName(string deviceName, IEnumerable<string?> taken)
    {
        var baseName = deviceName.Length > NameMaxLength - 3 ? deviceName[..(NameMaxLength - 3)] : deviceName;
        var names = taken.Where(n => n is not null).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var candidate = baseName;
        for (var i = 2; names.Contains(candidate); i++)
        {
            candidate = $"{baseName} {i}";
        }
        return candidate;
    }

    private async Task<(HeshUser? User, UserPasskeyInfo? Passkey)> FindOwnAsync(string actorId, string passkeyId, CancellationToken ct)
    {
        var credentialId = Decode(passkeyId);
        var user = credentialId is null ? null : await LoadAsync(actorId, ct);
        // GetPasskeyAsync looks among this user's passkeys only: someone else's credential id finds nothing.
        var passkey = user is null ? null : await users.GetPasskeyAsync(user, credentialId!);
        return (user, passkey);
    }

    /// <summary>The actor as a tracked entity: UserManager saves the user row with each passkey change.</summary>
    private Task<HeshUser?> LoadAsync(string actorId, CancellationToken ct) =>
        string.IsNullOrEmpty(actorId) ? Task.FromResult<HeshUser?>(null) : db.Users.SingleOrDefaultAsync(u => u.Id == actorId, ct);

    /// <summary>The last successful passkey sign-in of each credential, from the sign-in history.</summary>
    private async Task<Dictionary<string, DateTime>> LastUsedAsync(string userId, CancellationToken ct) =>
        await db.SignInAttempts.AsNoTracking()
            .Where(a => a.UserId == userId && a.Method == SignInMethod.Passkey && a.Outcome == SignInOutcome.Succeeded && a.CredentialId != null)
            .GroupBy(a => a.CredentialId!)
            .Select(g => new { Id = g.Key, At = g.Max(a => a.At) })
            .ToDictionaryAsync(x => x.Id, x => x.At, StringComparer.Ordinal, ct);

    private static PasskeyView View(UserPasskeyInfo passkey, IReadOnlyDictionary<string, DateTime> lastUsed)
    {
        var id = Encode(passkey.CredentialId);
        return new PasskeyView(id, passkey.Name ?? "Passkey", passkey.CreatedAt.UtcDateTime, lastUsed.TryGetValue(id, out var at) ? at : null);
    }

    public static string Encode(byte[] credentialId) => Base64Url.EncodeToString(credentialId);

    /// <summary>Null for anything that is not base64url of at most 1023 bytes (WebAuthn's limit on credential ids).</summary>
    public static byte[]? Decode(string? passkeyId)
    {
        if (string.IsNullOrEmpty(passkeyId) || passkeyId.Length > 1400)
        {
            return null;
        }
        try
        {
            var bytes = Base64Url.DecodeFromChars(passkeyId);
            return bytes.Length is > 0 and <= 1023 ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
