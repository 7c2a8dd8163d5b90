using Hesh.Core.Audit;
using Hesh.Core.Companies;
using Hesh.Core.DayOffs;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Hesh.Core.Data;

/// <summary>The store. SQLite by default; <see cref="PostgresHeshDbContext"/> carries the PostgreSQL migrations.</summary>
public class HeshDbContext : IdentityDbContext<HeshUser>
{
    public HeshDbContext(DbContextOptions<HeshDbContext> options) : base(options)
    {
    }

    protected HeshDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<DataProtectionKeyRow> DataProtectionKeys => Set<DataProtectionKeyRow>();

    public DbSet<Company> Companies => Set<Company>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Position> Positions => Set<Position>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DayOff> DayOffs => Set<DayOff>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<ProductStep> ProductSteps => Set<ProductStep>();
    public DbSet<ProductVersion> ProductVersions => Set<ProductVersion>();
    public DbSet<Production> Productions => Set<Production>();
    public DbSet<ProductionTask> ProductionTasks => Set<ProductionTask>();
    public DbSet<TaskFailure> TaskFailures => Set<TaskFailure>();
    public DbSet<Hesh.Core.Sessions.UserSession> UserSessions => Set<Hesh.Core.Sessions.UserSession>();
    public DbSet<Hesh.Core.SignIns.SignInAttempt> SignInAttempts => Set<Hesh.Core.SignIns.SignInAttempt>();
    public DbSet<Hesh.Core.ApiKeys.ApiKey> ApiKeys => Set<Hesh.Core.ApiKeys.ApiKey>();
    public DbSet<Hesh.Core.Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Hesh.Core.Webhooks.WebhookEndpoint>();
    public DbSet<Hesh.Core.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Hesh.Core.Webhooks.WebhookDelivery>();
    public DbSet<Hesh.Core.Grants.PermissionGrant> PermissionGrants => Set<Hesh.Core.Grants.PermissionGrant>();
    public DbSet<Hesh.Core.AccessRequests.AccessRequest> AccessRequests => Set<Hesh.Core.AccessRequests.AccessRequest>();

    /// <summary>Keeps each user's search column in step with the fields it is made of, whoever changed them.</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefreshSearchColumns();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefreshSearchColumns();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private void RefreshSearchColumns()
    {
        var now = DateTime.UtcNow;
        foreach (var entry in ChangeTracker.Entries<HeshUser>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            entry.Entity.RefreshSearchText();
            // Any change of the row counts, a sign-in's bookkeeping too: a client polling updated_since re-reads a little
            // more than it must, never less.
            entry.Entity.UpdatedAt = entry.State == EntityState.Added && entry.Entity.UpdatedAt == default
                ? (entry.Entity.CreatedAt == default ? now : entry.Entity.CreatedAt) : now;
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HeshDbContext).Assembly);
        // Exactly one owner per company, held by the database itself so no race can make two.
        var ownerFilter = Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL" ? "\"IsOwner\"" : "\"IsOwner\" = 1";
        builder.Entity<HeshUser>().Property(u => u.Language).HasMaxLength(Hesh.Core.Preferences.Languages.CodeMaxLength);
        builder.Entity<HeshUser>().Property(u => u.TimeZone).HasMaxLength(Hesh.Core.Preferences.TimeZones.IdMaxLength);
        builder.Entity<Company>().Property(c => c.DefaultLanguage).HasMaxLength(Hesh.Core.Preferences.Languages.CodeMaxLength);
        builder.Entity<Company>().Property(c => c.TimeZone).HasMaxLength(Hesh.Core.Preferences.TimeZones.IdMaxLength);
        builder.Entity<HeshUser>().HasIndex(u => u.CompanyId).IsUnique().HasFilter(ownerFilter).HasDatabaseName("IX_Users_OneOwnerPerCompany");
        builder.Entity<Hesh.Core.Sessions.UserSession>(session =>
        {
            session.Property(s => s.Id).HasMaxLength(64);
            session.Property(s => s.Device).HasMaxLength(Hesh.Core.Sessions.UserSession.DeviceMaxLength);
            session.Property(s => s.IpAddress).HasMaxLength(64);
            session.Property(s => s.EndReason).HasMaxLength(200);
            session.HasOne<HeshUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            session.HasIndex(s => new { s.UserId, s.EndedAt });
        });
        builder.Entity<Hesh.Core.SignIns.SignInAttempt>(attempt =>
        {
            attempt.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(24);
            attempt.Property(a => a.Method).HasConversion<string>().HasMaxLength(16);
            attempt.Property(a => a.IpAddress).HasMaxLength(64);
            attempt.Property(a => a.Device).HasMaxLength(Hesh.Core.SignIns.SignInAttempt.DeviceMaxLength);
            attempt.Property(a => a.BrowserId).HasMaxLength(64);
            attempt.Property(a => a.CredentialId).HasMaxLength(200);
            attempt.HasOne<HeshUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
            attempt.HasIndex(a => new { a.UserId, a.At });
            attempt.HasIndex(a => new { a.UserId, a.IpAddress, a.At });
            attempt.HasIndex(a => a.At);
        });
        builder.Entity<DayOff>(dayOff =>
        {
            dayOff.Property(d => d.Note).HasMaxLength(DayOff.NoteMaxLength);
            dayOff.HasOne<HeshUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
            dayOff.HasIndex(d => new { d.UserId, d.Start });
            dayOff.HasIndex(d => new { d.CompanyId, d.Start, d.End });
        });
        builder.Entity<Product>(product =>
        {
            product.Property(p => p.Name).HasMaxLength(Product.NameMaxLength);
            product.Property(p => p.Description).HasMaxLength(Product.DescriptionMaxLength);
            product.HasOne<Company>().WithMany().HasForeignKey(p => p.CompanyId).OnDelete(DeleteBehavior.Restrict);
            product.HasMany(p => p.Steps).WithOne().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Cascade);
            product.HasIndex(p => new { p.CompanyId, p.Name });
        });
        builder.Entity<ProductStep>(step =>
        {
            step.Property(s => s.Name).HasMaxLength(ProductStep.NameMaxLength);
            step.Property(s => s.BasicReward).HasPrecision(12, 2);
            step.HasOne<Department>().WithMany().HasForeignKey(s => s.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ProductVersion>(version =>
        {
            version.Property(v => v.Name).HasMaxLength(Product.NameMaxLength);
            version.Property(v => v.PublishedBy).HasMaxLength(120);
            version.HasOne<Product>().WithMany().HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
            version.HasIndex(v => new { v.ProductId, v.Number }).IsUnique();
        });
        builder.Entity<Production>(production =>
        {
            production.Property(p => p.Key).HasMaxLength(24);
            production.Property(p => p.ProductName).HasMaxLength(Product.NameMaxLength);
            production.Property(p => p.Client).HasMaxLength(Production.ClientMaxLength);
            production.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            production.HasOne<Company>().WithMany().HasForeignKey(p => p.CompanyId).OnDelete(DeleteBehavior.Restrict);
            production.HasOne<ProductVersion>().WithMany().HasForeignKey(p => p.ProductVersionId).OnDelete(DeleteBehavior.Restrict);
            production.HasMany(p => p.Tasks).WithOne().HasForeignKey(t => t.ProductionId).OnDelete(DeleteBehavior.Cascade);
            production.HasIndex(p => new { p.CompanyId, p.Number }).IsUnique();
            production.HasIndex(p => new { p.CompanyId, p.Status });
        });
        builder.Entity<ProductionTask>(task =>
        {
            task.Property(t => t.Key).HasMaxLength(32);
            task.Property(t => t.Name).HasMaxLength(ProductStep.NameMaxLength);
            task.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
            task.Property(t => t.BasicReward).HasPrecision(12, 2);
            task.HasOne<Department>().WithMany().HasForeignKey(t => t.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            task.HasOne<HeshUser>().WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.SetNull);
            task.HasIndex(t => new { t.CompanyId, t.Status });
            // Covering the task table's order and its status and search filters, so a page never reads the task rows it skips.
            task.HasIndex(t => new { t.CompanyId, t.ProductionNumber, t.Order, t.Status, t.SearchText });
            task.Property(t => t.SearchText).HasMaxLength(300);
            task.HasIndex(t => new { t.CompanyId, t.AssigneeId });
        });
        builder.Entity<TaskFailure>(failure =>
        {
            failure.Property(f => f.Reason).HasMaxLength(200);
            failure.Property(f => f.Comment).HasMaxLength(1000);
            failure.HasOne<ProductionTask>().WithMany().HasForeignKey(f => f.TaskId).OnDelete(DeleteBehavior.Cascade);
            failure.HasIndex(f => new { f.CompanyId, f.TaskId });
        });
        builder.Entity<DataProtectionKeyRow>(key =>
        {
            key.ToTable("DataProtectionKeys");
            key.Property(k => k.FriendlyName).HasMaxLength(200);
        });
    }
}

/// <summary>The same model on PostgreSQL; its own migrations live in Data/Migrations/Postgres.</summary>
public sealed class PostgresHeshDbContext(DbContextOptions<PostgresHeshDbContext> options) : HeshDbContext(options);

/// <summary>The data-protection key ring, shared by every node so a cookie from one is read by another.</summary>
public sealed class DataProtectionKeyRow
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = "";
}
