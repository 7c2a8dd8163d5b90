using Hesh.Core.Audit;
using Hesh.Core.Companies;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Companies;

/// <summary>The company profile's changes are audited one field an entry, naming the company as the subject.</summary>
public sealed class CompanyProfileAuditTests(AppHost host)
{
    private Task<T> Profile<T>(Func<CompanyService, Task<T>> call) => host.WithScopeAsync(s => call(s.GetRequiredService<CompanyService>()));

    private Task<List<AuditEntry>> EntriesAsync(TestCompany company, params AuditAction[] actions) =>
        host.DbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.CompanyId == company.Id && actions.Contains(e.Action)).OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task Each_changed_field_of_the_profile_writes_its_own_entry_and_unchanged_fields_none()
    {
        var company = await host.CreateCompanyAsync();
        var profile = (await Profile(s => s.GetAsync(company.OwnerId)))!;

        var result = await Profile(s => s.UpdateAsync(company.OwnerId, new CompanyProfileInput { Name = "Acme Forge", Currency = "EUR", KeyAbbreviation = profile.KeyAbbreviation }));

        Assert.True(result.Succeeded, result.Error);
        var entries = await EntriesAsync(company, AuditAction.CompanyProfileChanged);
        Assert.Equal([("Company name", profile.Name, "Acme Forge"), ("Currency", profile.Currency, "EUR")], entries.Select(e => (e.What, e.Before!, e.After!)));
        Assert.All(entries, e => Assert.Equal((company.Id.ToString(), "Acme Forge", company.OwnerId), (e.SubjectId, e.SubjectName, e.ActorId!)));
    }

    [Fact]
    public async Task A_new_key_abbreviation_is_audited_and_saving_the_same_profile_again_adds_nothing()
    {
        var company = await host.CreateCompanyAsync();
        var profile = (await Profile(s => s.GetAsync(company.OwnerId)))!;
        var input = new CompanyProfileInput { Name = profile.Name, Currency = profile.Currency, KeyAbbreviation = "ZQ" };

        await Profile(s => s.UpdateAsync(company.OwnerId, input));
        await Profile(s => s.UpdateAsync(company.OwnerId, input));

        var entry = Assert.Single(await EntriesAsync(company, AuditAction.CompanyProfileChanged));
        Assert.Equal(("Key abbreviation", profile.KeyAbbreviation, "ZQ"), (entry.What, entry.Before!, entry.After!));
    }

    [Fact]
    public async Task Uploading_and_removing_the_logo_are_audited_and_a_refused_change_is_not()
    {
        var company = await host.CreateCompanyAsync();
        var worker = await company.AddUserAsync("Worker");
        var png = Hesh.Tests.Security.InputAttacks.TinyPng;

        var uploaded = await Profile(s => s.SetLogoAsync(company.OwnerId, png));
        await Profile(s => s.SetLogoAsync(company.OwnerId, null));
        var refused = await Profile(s => s.SetLogoAsync(worker.Id, png));

        Assert.True(uploaded.Succeeded, uploaded.Error);
        Assert.False(refused.Succeeded);
        var entries = await EntriesAsync(company, AuditAction.CompanyLogoChanged);
        Assert.Equal([("none", "a new logo"), ("a logo", "none")], entries.Select(e => (e.Before!, e.After!)));
    }
}
