using System.Xml.Linq;
using Hesh.Core.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Web.Infrastructure;

/// <summary>
/// Keeps the data-protection key ring in Hesh's own database, so every node of a deployment encrypts and reads
/// cookies and antiforgery tokens with the same keys.
/// </summary>
internal sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<HeshDbContext>().DataProtectionKeys.AsNoTracking()
            .Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HeshDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKeyRow { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
