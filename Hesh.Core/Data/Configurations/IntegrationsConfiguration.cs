using Hesh.Core.ApiKeys;
using Hesh.Core.Companies;
using Hesh.Core.Webhooks;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hesh.Core.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength);
        key.Property(k => k.Prefix).HasMaxLength(ApiKey.PrefixLength);
        key.Property(k => k.SecretHash).HasMaxLength(64);
        key.Property(k => k.CreatedById).HasMaxLength(450);
        key.Property(k => k.CreatedByName).HasMaxLength(120);
        key.Property(k => k.RevokedByName).HasMaxLength(120);
        key.HasOne<Company>().WithMany().HasForeignKey(k => k.CompanyId).OnDelete(DeleteBehavior.Cascade);
        key.HasIndex(k => k.Prefix).IsUnique();
        key.HasIndex(k => k.CompanyId);
    }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.Property(e => e.Url).HasMaxLength(WebhookEndpoint.UrlMaxLength);
        endpoint.Property(e => e.Description).HasMaxLength(WebhookEndpoint.DescriptionMaxLength);
        endpoint.Property(e => e.ProtectedSecret).HasMaxLength(1000);
        endpoint.Property(e => e.CreatedByName).HasMaxLength(120);
        endpoint.HasOne<Company>().WithMany().HasForeignKey(e => e.CompanyId).OnDelete(DeleteBehavior.Cascade);
        endpoint.HasIndex(e => e.CompanyId);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.Property(d => d.Event).HasMaxLength(40);
        delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.LastError).HasMaxLength(WebhookDelivery.ErrorMaxLength);
        delivery.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        delivery.HasIndex(d => new { d.EndpointId, d.CreatedAt });
    }
}
