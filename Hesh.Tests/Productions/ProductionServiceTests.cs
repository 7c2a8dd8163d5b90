using Hesh.Core.Companies;
using Hesh.Core.Permissions;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Productions;

public sealed class ProductionServiceTests(AppHost host)
{
    private Task<T> Productions<T>(Func<ProductionService, Task<T>> call) => host.WithScopeAsync(s => call(s.GetRequiredService<ProductionService>()));

    private async Task<(TestCompany Company, Guid ProductId)> PublishedProductAsync(int steps = 3)
    {
        var company = await host.CreateCompanyAsync();
        await host.WithScopeAsync(s => s.GetRequiredService<CompanyService>().UpdateAsync(company.OwnerId,
            new CompanyProfileInput { Name = $"Workshop {company.Tag}", Currency = "EUR", KeyAbbreviation = "DW" }));
        var products = (Func<ProductService, Task<Hesh.Core.Common.Result>> f) => host.WithScopeAsync(s => f(s.GetRequiredService<ProductService>()));
        var id = (await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().CreateAsync(company.OwnerId, new ProductInput { Name = "Gate" }))).Value;
        await products(s => s.SaveDraftAsync(company.OwnerId, id, new ProductInput { Name = "Gate" },
            Enumerable.Range(1, steps).Select(i => new StepInput { Name = $"Step {i}", BasicReward = i }).ToList()));
        await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().PublishAsync(company.OwnerId, id));
        return (company, id);
    }

    [Fact]
    public async Task Launch_MakesKeyFromTheAbbreviation_AndTasksFromTheTemplate_FirstOneUnlocked()
    {
        var (company, productId) = await PublishedProductAsync();

        var first = await Productions(s => s.LaunchAsync(company.OwnerId, new LaunchInput { ProductId = productId, Quantity = 2, Client = "ACME" }));
        var second = await Productions(s => s.LaunchAsync(company.OwnerId, new LaunchInput { ProductId = productId }));

        var details = (await Productions(s => s.GetAsync(company.OwnerId, first.Value)))!;
        Assert.Equal("DW-1", details.Summary.Key);
        Assert.Equal("DW-2", (await Productions(s => s.GetAsync(company.OwnerId, second.Value)))!.Summary.Key);
        Assert.Equal(["DW-1-1", "DW-1-2", "DW-1-3"], details.Tasks.Select(t => t.Key));
        Assert.Equal([false, true, true], details.Tasks.Select(t => t.InQueue));
        Assert.Equal(ProductionStatus.ToDo, details.Summary.Status);
        Assert.Equal(0, details.Summary.Progress);
    }

    [Fact]
    public async Task ANewProductVersion_DoesNotChangeARunningProduction()
    {
        var (company, productId) = await PublishedProductAsync(steps: 2);
        var launched = await Productions(s => s.LaunchAsync(company.OwnerId, new LaunchInput { ProductId = productId }));
        await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().SaveDraftAsync(company.OwnerId, productId, new ProductInput { Name = "Gate" },
            [new StepInput { Name = "Only step" }]));
        await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().PublishAsync(company.OwnerId, productId));

        var details = (await Productions(s => s.GetAsync(company.OwnerId, launched.Value)))!;

        Assert.Equal(1, details.Summary.VersionNumber);
        Assert.Equal(["Step 1", "Step 2"], details.Tasks.Select(t => t.Name));
    }

    [Fact]
    public async Task ProductsEditAlone_CannotLaunch_ProductionsEditCan()
    {
        var (company, productId) = await PublishedProductAsync();
        var designer = await company.AddUserAsync("Designer");
        var planner = await company.AddUserAsync("Planner");
        var permissions = (Func<UserPermissionService, Task<Hesh.Core.Common.Result<PermissionSheet>>> f) => host.WithScopeAsync(s => f(s.GetRequiredService<UserPermissionService>()));
        await permissions(s => s.ToggleAsync(company.OwnerId, designer.Id, Platform.Web, PermissionKey.ProductsEdit, true, 0));
        await permissions(s => s.ToggleAsync(company.OwnerId, planner.Id, Platform.Web, PermissionKey.ProductionsEdit, true, 0));

        var refused = await Productions(s => s.LaunchAsync(designer.Id, new LaunchInput { ProductId = productId }));
        var launched = await Productions(s => s.LaunchAsync(planner.Id, new LaunchInput { ProductId = productId }));

        Assert.False(refused.Succeeded);
        Assert.True(launched.Succeeded, launched.Error);
        Assert.Equal(1, await host.DbAsync(db => db.Productions.CountAsync(p => p.CompanyId == company.Id)));
    }

    [Fact]
    public async Task AnUnpublishedProduct_CannotBeLaunched()
    {
        var company = await host.CreateCompanyAsync();
        var id = (await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().CreateAsync(company.OwnerId, new ProductInput { Name = "Draft only" }))).Value;

        var result = await Productions(s => s.LaunchAsync(company.OwnerId, new LaunchInput { ProductId = id }));

        Assert.Contains("no published version", result.FieldErrors[nameof(LaunchInput.ProductId)]);
        Assert.False(await host.DbAsync(db => db.Productions.AnyAsync(p => p.CompanyId == company.Id)));
    }

    [Fact]
    public async Task StatusMoves_FollowTheRules_AndDeleteIsOnlyForToDo()
    {
        var (company, productId) = await PublishedProductAsync();
        var id = (await Productions(s => s.LaunchAsync(company.OwnerId, new LaunchInput { ProductId = productId }))).Value;

        Assert.False((await Productions(s => s.ApplyAsync(company.OwnerId, id, ProductionAction.Resume))).Succeeded);
        Assert.True((await Productions(s => s.ApplyAsync(company.OwnerId, id, ProductionAction.Start))).Succeeded);
        Assert.Contains("Only a production that is still to do", (await Productions(s => s.DeleteAsync(company.OwnerId, id))).Error);
        Assert.True((await Productions(s => s.ApplyAsync(company.OwnerId, id, ProductionAction.Stop))).Succeeded);
        Assert.True((await Productions(s => s.ApplyAsync(company.OwnerId, id, ProductionAction.Cancel))).Succeeded);
        Assert.False((await Productions(s => s.ApplyAsync(company.OwnerId, id, ProductionAction.Resume))).Succeeded);
        Assert.Equal(ProductionStatus.Canceled, (await Productions(s => s.GetAsync(company.OwnerId, id)))!.Summary.Status);
    }

    [Fact]
    public async Task ViewerWithoutProductionsView_SeesNothing_AndAnotherCompanyCannotTouchIt()
    {
        var (company, productId) = await PublishedProductAsync();
        var id = (await Productions(s => s.LaunchAsync(company.OwnerId, new LaunchInput { ProductId = productId }))).Value;
        var plain = await company.AddUserAsync("Plain");
        var other = await host.CreateCompanyAsync();

        Assert.Null(await Productions(s => s.ListAsync(plain.Id, new ProductionQuery())));
        Assert.Null(await Productions(s => s.GetAsync(other.OwnerId, id)));
        Assert.False((await Productions(s => s.ApplyAsync(other.OwnerId, id, ProductionAction.Cancel))).Succeeded);
        Assert.False((await Productions(s => s.DeleteAsync(other.OwnerId, id))).Succeeded);
        Assert.Equal(ProductionStatus.ToDo, (await Productions(s => s.GetAsync(company.OwnerId, id)))!.Summary.Status);
    }

    [Fact]
    public async Task List_SearchesAndFiltersByStatus()
    {
        var (company, productId) = await PublishedProductAsync();
        var acme = (await Productions(s => s.LaunchAsync(company.OwnerId, new LaunchInput { ProductId = productId, Client = "ACME Corp" }))).Value;
        var other = (await Productions(s => s.LaunchAsync(company.OwnerId, new LaunchInput { ProductId = productId, Client = "Globex" }))).Value;
        await Productions(s => s.ApplyAsync(company.OwnerId, other, ProductionAction.Start));

        Assert.Equal(acme, Assert.Single((await Productions(s => s.ListAsync(company.OwnerId, new ProductionQuery("acme"))))!.Rows).Id);
        Assert.Equal(other, Assert.Single((await Productions(s => s.ListAsync(company.OwnerId, new ProductionQuery(Status: ProductionStatus.InProgress))))!.Rows).Id);
    }
}
