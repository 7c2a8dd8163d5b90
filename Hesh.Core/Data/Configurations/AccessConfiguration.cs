using Hesh.Core.AccessRequests;
using Hesh.Core.Companies;
using Hesh.Core.Grants;
using Hesh.Core.Users;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hesh.Core.Data.Configurations;

internal sealed class PermissionGrantConfiguration : IEntityTypeConfiguration<PermissionGrant>
{
    public void Configure(EntityTypeBuilder<PermissionGrant> grant)
    {
        // Names, not numbers: the store keeps the catalogue's member names (as the access columns do).
        grant.Property(g => g.Platform).HasConversion<string>().HasMaxLength(16);
        grant.Property(g => g.Key).HasConversion<string>().HasMaxLength(40);
        grant.Property(g => g.Level).HasConversion<string>().HasMaxLength(40);
        grant.Property(g => g.RevertTo).HasConversion<string>().HasMaxLength(40);
        grant.Property(g => g.Source).HasConversion<string>().HasMaxLength(16);
        grant.Property(g => g.SourceName).HasMaxLength(PermissionGrant.NameMaxLength);
        grant.Property(g => g.GrantedById).HasMaxLength(450);
        grant.Property(g => g.GrantedByName).HasMaxLength(PermissionGrant.NameMaxLength);
        grant.HasOne<HeshUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        grant.HasOne<Company>().WithMany().HasForeignKey(g => g.CompanyId).OnDelete(DeleteBehavior.NoAction);
        grant.HasIndex(g => new { g.UserId, g.Platform, g.Key }).IsUnique();
        grant.HasIndex(g => new { g.CompanyId, g.Key });
        // The expiry job's one question: which grants have ended.
        grant.HasIndex(g => g.EndsAt);
    }
}

internal sealed class AccessRequestConfiguration : IEntityTypeConfiguration<AccessRequest>
{
    public void Configure(EntityTypeBuilder<AccessRequest> request)
    {
        request.Property(r => r.Platform).HasConversion<string>().HasMaxLength(16);
        request.Property(r => r.Key).HasConversion<string>().HasMaxLength(40);
        request.Property(r => r.Level).HasConversion<string>().HasMaxLength(40);
        request.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        request.Property(r => r.UserName).HasMaxLength(AccessRequest.NameMaxLength);
        request.Property(r => r.Reason).HasMaxLength(AccessRequest.ReasonMaxLength);
        request.Property(r => r.DecisionReason).HasMaxLength(AccessRequest.ReasonMaxLength);
        request.Property(r => r.DecidedById).HasMaxLength(450);
        request.Property(r => r.DecidedByName).HasMaxLength(AccessRequest.NameMaxLength);
        request.HasOne<HeshUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        request.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.NoAction);
        // One open request per user and permission; answered ones stay as history. Both providers read this filter.
        request.HasIndex(r => new { r.UserId, r.Platform, r.Key }).IsUnique().HasFilter("\"Status\" = 'Open'");
        request.HasIndex(r => new { r.CompanyId, r.Status, r.CreatedAt });
        request.HasIndex(r => new { r.Status, r.ExpiresAt });
    }
}
