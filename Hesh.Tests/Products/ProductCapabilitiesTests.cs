using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Products;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.Products;

/// <summary>Publishing is offered exactly when it then works, with the reason when not; a published version is audited.</summary>
public sealed class ProductCapabilitiesTests(AppHost host)
{
    private async Task<(TestCompany Company, Guid Product)> DraftAsync(params string[] steps)
    {
        var company = await host.CreateCompanyAsync();
        var id = (await host.Call<ProductService, Result<Guid>>(s => s.CreateAsync(company.OwnerId, new ProductInput { Name = "Bench" }))).Value;
        Assert.True((await host.Call<ProductService, Result>(s => s.SaveDraftAsync(company.OwnerId, id, new ProductInput { Name = "Bench" },
            steps.Select(n => new StepInput { Name = n }).ToList()))).Succeeded);
        return (company, id);
    }

    [Fact]
    public async Task AProductWithNoStep_IsNotOfferedForPublishing_AndTheServerRefusesWithTheSameReason()
    {
        var (company, id) = await DraftAsync();
        var can = (await host.Call<ProductService, ProductDetails?>(s => s.GetAsync(company.OwnerId, id)))!.Can;

        var result = await host.Call<ProductService, Result<int>>(s => s.PublishAsync(company.OwnerId, id));

        Assert.True(can.Edit.Allowed);
        Assert.False(can.Publish.Allowed);
        Assert.Equal(ProductRules.AddAStep, can.Publish.Reason);
        Assert.False(result.Succeeded);
        Assert.Contains(ProductRules.AddAStep, result.Error);
        Assert.True(can.PublishWith(1).Allowed);
    }

    [Fact]
    public async Task AProductWithSteps_IsOfferedForPublishing_AndPublishingIsAudited()
    {
        var (company, id) = await DraftAsync("Cut", "Sand");
        var can = (await host.Call<ProductService, ProductDetails?>(s => s.GetAsync(company.OwnerId, id)))!.Can;
        var row = Assert.Single((await host.Call<ProductService, ProductList?>(s => s.ListAsync(company.OwnerId, null)))!.Rows);

        var result = await host.Call<ProductService, Result<int>>(s => s.PublishAsync(company.OwnerId, id));

        Assert.True(can.Publish.Allowed);
        Assert.Equal(can, row.Can);
        Assert.True(result.Succeeded, result.Error);
        var entry = await host.DbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.CompanyId == company.Id && e.Action == AuditAction.ProductVersionPublished));
        Assert.Equal((id.ToString(), "Bench", "Draft", "Version 1", company.OwnerId), (entry.SubjectId, entry.SubjectName, entry.Before, entry.After, entry.ActorId));
        Assert.Equal("Version 1 · 2 steps", entry.What);
    }

    [Fact]
    public async Task AViewer_IsOfferedNeitherEditingNorPublishingNorCreating()
    {
        var (company, id) = await DraftAsync("Cut");
        var viewer = await company.AddUserAsync("Vic");

        var can = (await host.Call<ProductService, ProductDetails?>(s => s.GetAsync(viewer.Id, id)))!.Can;
        var list = (await host.Call<ProductService, ProductList?>(s => s.ListAsync(viewer.Id, null)))!;

        Assert.False(can.Edit.Allowed);
        Assert.False(can.Publish.Allowed);
        Assert.False(can.PublishWith(3).Allowed);
        Assert.False(list.Create.Allowed);
        Assert.Contains("Products edit", can.Edit.Reason);
        Assert.False((await host.Call<ProductService, Result<int>>(s => s.PublishAsync(viewer.Id, id))).Succeeded);
    }
}
