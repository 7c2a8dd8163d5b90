using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hesh.Core.Data.Configurations;

internal sealed class HeshUserConfiguration : IEntityTypeConfiguration<HeshUser>
{
    public void Configure(EntityTypeBuilder<HeshUser> user)
    {
        user.Property(u => u.FirstName).HasMaxLength(HeshUser.NameMaxLength);
        user.Property(u => u.LastName).HasMaxLength(HeshUser.NameMaxLength);
        user.Property(u => u.ExternalId).HasMaxLength(HeshUser.ExternalIdMaxLength);
        user.Property(u => u.PhoneNumber).HasMaxLength(HeshUser.PhoneMaxLength);
        user.Property(u => u.PhotoContentType).HasMaxLength(32);
        user.Property(u => u.InvitationTokenHash).HasMaxLength(64);
        user.Property(u => u.Status).HasConversion<string>().HasMaxLength(16);
        user.HasOne(u => u.Company).WithMany().HasForeignKey(u => u.CompanyId).OnDelete(DeleteBehavior.Restrict);
        user.HasIndex(u => new { u.CompanyId, u.Status });
        user.HasIndex(u => new { u.CompanyId, u.UpdatedAt });
        // Covering the ordering and the search column: a "contains" search scans this index, not the wide Identity rows.
        user.HasIndex(u => new { u.CompanyId, u.LastName, u.FirstName, u.Id, u.SearchText });
        user.Property(u => u.SearchText).HasMaxLength(420);
        user.Property(u => u.WebAccess).HasConversion(AccessSetConversion.Converter, AccessSetConversion.Comparer).HasMaxLength(400);
        user.Property(u => u.MobileAccess).HasConversion(AccessSetConversion.Converter, AccessSetConversion.Comparer).HasMaxLength(400);
        user.Property(u => u.AccessVersion).IsConcurrencyToken();
        user.HasOne(u => u.Department).WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        user.HasOne(u => u.Position).WithMany().HasForeignKey(u => u.PositionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal static class AccessSetConversion
{
    public static readonly ValueConverter<AccessSet, string> Converter = new(a => a.Serialize(), s => AccessSet.Parse(s));
    public static readonly ValueComparer<AccessSet> Comparer = new((a, b) => Equals(a, b), a => a.GetHashCode(), a => a);
}
