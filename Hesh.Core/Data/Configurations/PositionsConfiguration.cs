using Hesh.Core.Audit;
using Hesh.Core.Companies;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hesh.Core.Data.Configurations;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> department)
    {
        department.Property(d => d.Name).HasMaxLength(Department.NameMaxLength);
        department.HasOne<Company>().WithMany().HasForeignKey(d => d.CompanyId).OnDelete(DeleteBehavior.Restrict);
        department.HasOne<Department>().WithMany().HasForeignKey(d => d.ParentId).OnDelete(DeleteBehavior.Restrict);
        department.HasIndex(d => new { d.CompanyId, d.ParentId, d.Name }).IsUnique();
    }
}

internal sealed class PositionConfiguration : IEntityTypeConfiguration<Position>
{
    public void Configure(EntityTypeBuilder<Position> position)
    {
        position.Property(p => p.Name).HasMaxLength(Position.NameMaxLength);
        position.Ignore(p => p.Template);
        position.HasOne<Company>().WithMany().HasForeignKey(p => p.CompanyId).OnDelete(DeleteBehavior.Restrict);
        position.HasIndex(p => new { p.CompanyId, p.Name }).IsUnique();
        position.Property(p => p.WebTemplate).HasConversion((Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<AccessSet?, string>)AccessSetConversion.Converter!, AccessSetConversion.Comparer).HasMaxLength(400);
        position.Property(p => p.MobileTemplate).HasConversion((Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<AccessSet?, string>)AccessSetConversion.Converter!, AccessSetConversion.Comparer).HasMaxLength(400);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.Action).HasConversion<string>().HasMaxLength(32);
        entry.Property(e => e.ActorName).HasMaxLength(120);
        entry.Property(e => e.SubjectName).HasMaxLength(120);
        entry.Property(e => e.What).HasMaxLength(200);
        entry.Property(e => e.Before).HasMaxLength(1000);
        entry.Property(e => e.After).HasMaxLength(1000);
        entry.Property(e => e.Source).HasConversion<string>().HasMaxLength(16);
        entry.HasIndex(e => new { e.CompanyId, e.Id });
        entry.HasIndex(e => new { e.CompanyId, e.SubjectId });
    }
}
