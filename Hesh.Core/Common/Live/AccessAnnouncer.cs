using System.Data.Common;
using System.Runtime.CompilerServices;
using Hesh.Core.Audit;
using Hesh.Core.Common.Telemetry;
using Hesh.Core.Companies;
using Hesh.Core.Sessions;
using Hesh.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hesh.Core.Common;

public sealed class AccessAnnouncerOptions
{
    /// <summary>
    /// A change of access saved without an announcement throws instead of being announced in general words (tests
    /// run strict, so a service that forgets fails them; production announces and logs an error).
    /// </summary>
    public bool Strict { get; set; }
}

/// <summary>
/// The one write path out of the store to open tabs. While a unit of work saves, it collects the announcements its
/// audit entries carry (<see cref="AuditEntry.Announce"/>) and checks them against the state that changed: a user
/// whose access, admin rights, ownership, status, password or required-password flag changed, or whose session was
/// ended, must be announced — else it is announced anyway (or, strict, the save is refused). The collected changes
/// are published only once they are committed: at once after a save outside a transaction, on commit inside one,
/// never after a failed save or a rollback.
/// </summary>
public sealed class AccessAnnouncer(IAccessChanges changes, IOptions<AccessAnnouncerOptions> options, ILogger<AccessAnnouncer> logger,
    HeshMetrics? metrics = null)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>The summary of a change announced by the safety net, not by the service that made it.</summary>
    public const string GeneralWords = "your access changed";

    // Per unit of work: collected while saving, published after commit.
    private static readonly ConditionalWeakTable<DbContext, Pending> ByContext = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Of(eventData.Context)?.Saving.Clear();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Of(eventData.Context)?.Saving.Clear();
        return Task.CompletedTask;
    }

    private static Pending? Of(DbContext? context) => context is not null && ByContext.TryGetValue(context, out var pending) ? pending : null;

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        // One scan of the tracked changes, not one per entity type.
        var tracker = context.ChangeTracker;
        tracker.DetectChanges();
        var detecting = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            Collect(context, ByContext.GetOrCreateValue(context));
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private void Collect(DbContext context, Pending pending)
    {
        var found = new List<AccessChanged>();
        foreach (var entry in context.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added))
        {
            foreach (var change in entry.Entity.Announcements)
            {
                if (!found.Any(c => c.UserId == change.UserId && c.Kind == change.Kind && c.SessionId == change.SessionId))
                {
                    found.Add(change);
                }
            }
        }
        foreach (var (userId, companyId, kind) in Changed(context))
        {
            if (found.Any(c => c.UserId == userId))
            {
                continue;
            }
            if (options.Value.Strict)
            {
                throw new InvalidOperationException($"A change of {kind} of user {userId} is being saved without an announcement: record it with AuditLog.Record(...).Announce(...).");
            }
            logger.LogError("A change of {Kind} of {UserId} was saved without an announcement; announced in general words", kind, userId);
            found.Add(new AccessChanged(userId, companyId, kind, null, "Hesh", GeneralWords));
        }
        pending.Saving.Clear();
        pending.Saving.AddRange(found);
    }

    /// <summary>Whose access the tracked state says changed, and how.</summary>
    private static IEnumerable<(string UserId, Guid CompanyId, AccessChangeKind Kind)> Changed(DbContext context)
    {
        foreach (var user in context.ChangeTracker.Entries<HeshUser>().Where(e => e.State == EntityState.Modified))
        {
            if (KindOf(user) is { } kind)
            {
                yield return (user.Entity.Id, user.Entity.CompanyId, kind);
            }
        }
        foreach (var session in context.ChangeTracker.Entries<UserSession>().Where(e => e.State == EntityState.Modified))
        {
            if (session.Property(s => s.EndedAt) is { IsModified: true, OriginalValue: null, CurrentValue: not null })
            {
                yield return (session.Entity.UserId, session.Entity.CompanyId, AccessChangeKind.Sessions);
            }
        }
        foreach (var company in context.ChangeTracker.Entries<Company>().Where(e => e.State == EntityState.Modified))
        {
            if (Changed(company.Property(c => c.TwoFactorPolicy)))
            {
                yield return ("", company.Entity.Id, AccessChangeKind.TwoFactor);
            }
        }
    }

    private static AccessChangeKind? KindOf(EntityEntry<HeshUser> user)
    {
        // An invitation accepted or a sign-up finished: nobody had a tab to tell.
        var wasPending = user.Property(u => u.Status).OriginalValue == UserStatus.Pending;
        if (Changed(user.Property(u => u.IsOwner)))
        {
            return AccessChangeKind.Ownership;
        }
        if (Changed(user.Property(u => u.IsAdmin)))
        {
            return AccessChangeKind.Admin;
        }
        if (Changed(user.Property(u => u.Status)) && !wasPending)
        {
            return AccessChangeKind.Status;
        }
        if (Changed(user.Property(u => u.PasswordHash)) && user.Property(u => u.PasswordHash).OriginalValue is not null && !wasPending)
        {
            return AccessChangeKind.Password;
        }
        if (user.Property(u => u.MustChangePassword) is { IsModified: true, OriginalValue: false, CurrentValue: true })
        {
            return AccessChangeKind.PasswordRequired;
        }
        if (Changed(user.Property(u => u.AccessVersion)))
        {
            return AccessChangeKind.Permissions;
        }
        return null;
    }

    private static bool Changed<TEntity, T>(PropertyEntry<TEntity, T> property) where TEntity : class =>
        property.IsModified && !Equals(property.OriginalValue, property.CurrentValue);

    private void Saved(DbContext? context)
    {
        if (Of(context) is not { } pending || pending.Saving.Count == 0)
        {
            return;
        }
        if (context!.Database.CurrentTransaction is not null)
        {
            pending.Committing.AddRange(pending.Saving);
            pending.Saving.Clear();
            return;
        }
        var ready = pending.Saving.ToList();
        pending.Saving.Clear();
        Publish(ready);
    }

    private void Publish(IEnumerable<AccessChanged> ready)
    {
        foreach (var change in ready)
        {
            metrics?.Published(change);
            changes.Publish(change);
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Committed(DbContext? context)
    {
        if (Of(context) is { Committing.Count: > 0 } pending)
        {
            var ready = pending.Committing.ToList();
            pending.Committing.Clear();
            Publish(ready);
        }
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Of(eventData.Context)?.Committing.Clear();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Of(eventData.Context)?.Committing.Clear();
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Of(eventData.Context)?.Committing.Clear();

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Of(eventData.Context)?.Committing.Clear();
        return Task.CompletedTask;
    }

    private sealed class Pending
    {
        public List<AccessChanged> Saving { get; } = [];
        public List<AccessChanged> Committing { get; } = [];
    }
}
