using Hesh.Core.Audit;
using Hesh.Core.Companies;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Hesh.Core.Data;

public sealed class HeshDbContext(DbContextOptions<HeshDbContext> options) : IdentityDbContext<HeshUser>(options)
{
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Position> Positions => Set<Position>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HeshDbContext).Assembly);
    }
}
