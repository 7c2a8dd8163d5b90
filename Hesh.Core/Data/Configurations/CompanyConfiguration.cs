using Hesh.Core.Companies;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hesh.Core.Data.Configurations;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> company)
    {
        company.Property(c => c.Name).HasMaxLength(Company.NameMaxLength);
        company.Property(c => c.TwoFactorPolicy).HasConversion<string>().HasMaxLength(32);
    }
}
