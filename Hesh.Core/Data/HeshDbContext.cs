using Hesh.Core.Companies;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Hesh.Core.Data;

public sealed class HeshDbContext(DbContextOptions<HeshDbContext> options) : IdentityDbContext<HeshUser>(options)
{
    public DbSet<Company> Companies => Set<Company>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HeshDbContext).Assembly);
    }
}
