using Hesh.Core.Permissions;
using Hesh.Core.Products;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Products;

/// <summary>Products view is everyone's; Products edit creates, edits and publishes — through the real store.</summary>
public sealed class ProductServiceTests(AppHost host)
{
    private Task<T> Products<T>(Func<ProductService, Task<T>> call) => host.WithScopeAsync(s => call(s.GetRequiredService<ProductService>()));

    private static readonly StepInput[] TwoSteps =
    [
        new() { Name = "Cut the frame", BasicReward = 12.5m },
        new() { Name = "Weld the frame", BasicReward = 20m },
    ];

    private async Task<(TestCompany Company, Guid ProductId)> DraftAsync()
    {
        var company = await host.CreateCompanyAsync();
        var created = await Products(s => s.CreateAsync(company.OwnerId, new ProductInput { Name = "Steel gate" }));
        Assert.True(created.Succeeded, created.Error);
        return (company, created.Value);
    }

    private Task<string> SnapshotAsync(Guid productId) => host.DbAsync(async db =>
    {
        var p = await db.Products.AsNoTracking().Include(x => x.Steps).SingleAsync(x => x.Id == productId);
        return $"{p.Name}|{p.Description}|{p.LatestVersion}|{string.Join(",", p.Steps.OrderBy(s => s.Order).Select(s => s.Name))}|{await db.ProductVersions.CountAsync(v => v.ProductId == productId)}";
    });

    [Fact]
    public async Task PublishingAProductWithoutSteps_IsRefusedWithTheReason_AndNothingIsPublished()
    {
        var (company, id) = await DraftAsync();

        var result = await Products(s => s.PublishAsync(company.OwnerId, id));

        Assert.Contains("Add a step before publishing", result.Error);
        Assert.Equal(0, await host.DbAsync(db => db.ProductVersions.CountAsync(v => v.ProductId == id)));
    }

    [Fact]
    public async Task PublishingCreatesVersionN_AndANewVersionLeavesTheOldOneAsItWas()
    {
        var (company, id) = await DraftAsync();
        await Products(s => s.SaveDraftAsync(company.OwnerId, id, new ProductInput { Name = "Steel gate" }, TwoSteps));

        Assert.Equal(1, (await Products(s => s.PublishAsync(company.OwnerId, id))).Value);
        await Products(s => s.SaveDraftAsync(company.OwnerId, id, new ProductInput { Name = "Steel gate" }, [.. TwoSteps, new StepInput { Name = "Paint" }]));
        Assert.Equal(2, (await Products(s => s.PublishAsync(company.OwnerId, id))).Value);

        var versions = await host.DbAsync(db => db.ProductVersions.AsNoTracking().Where(v => v.ProductId == id).OrderBy(v => v.Number).ToListAsync());
        Assert.DoesNotContain("Paint", versions[0].StepsJson);
        Assert.Contains("Paint", versions[1].StepsJson);
    }

    [Fact]
    public async Task ViewOnlyUser_SeesProducts_ButCannotCreateEditOrPublish_AndNothingChanges()
    {
        var (company, id) = await DraftAsync();
        await Products(s => s.SaveDraftAsync(company.OwnerId, id, new ProductInput { Name = "Steel gate" }, TwoSteps));
        var viewer = await company.AddUserAsync("Viewer");
        var before = await SnapshotAsync(id);

        var seen = await Products(s => s.GetAsync(viewer.Id, id));
        var create = await Products(s => s.CreateAsync(viewer.Id, new ProductInput { Name = "Sneaky" }));
        var save = await Products(s => s.SaveDraftAsync(viewer.Id, id, new ProductInput { Name = "Renamed" }, []));
        var publish = await Products(s => s.PublishAsync(viewer.Id, id));

        Assert.NotNull(seen);
        Assert.False(seen.Can.Edit.Allowed);
        Assert.False(seen.Can.Publish.Allowed);
        Assert.False(create.Succeeded);
        Assert.False(save.Succeeded);
        Assert.False(publish.Succeeded);
        Assert.Equal(before, await SnapshotAsync(id));
        Assert.False(await host.DbAsync(db => db.Products.AnyAsync(p => p.Name == "Sneaky")));
    }

    [Fact]
    public async Task HolderOfProductsEdit_EditsAndPublishes()
    {
        var (company, id) = await DraftAsync();
        var editor = await company.AddUserAsync("Editor");
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, editor.Id, Platform.Web, PermissionKey.ProductsEdit, true, 0));

        Assert.True((await Products(s => s.SaveDraftAsync(editor.Id, id, new ProductInput { Name = "Gate v2" }, TwoSteps))).Succeeded);
        Assert.Equal(1, (await Products(s => s.PublishAsync(editor.Id, id))).Value);
    }

    [Fact]
    public async Task AnotherCompany_CannotSeeOrChangeTheProduct()
    {
        var (company, id) = await DraftAsync();
        var other = await host.CreateCompanyAsync();
        var before = await SnapshotAsync(id);

        Assert.Null(await Products(s => s.GetAsync(other.OwnerId, id)));
        Assert.DoesNotContain((await Products(s => s.ListAsync(other.OwnerId, null)))?.Rows ?? [], p => p.Id == id);
        Assert.False((await Products(s => s.SaveDraftAsync(other.OwnerId, id, new ProductInput { Name = "Stolen" }, TwoSteps))).Succeeded);
        Assert.False((await Products(s => s.PublishAsync(other.OwnerId, id))).Succeeded);
        Assert.Equal(before, await SnapshotAsync(id));
    }

    [Fact]
    public async Task OverLongStepName_IsRefused_AndTheDraftStays()
    {
        var (company, id) = await DraftAsync();
        await Products(s => s.SaveDraftAsync(company.OwnerId, id, new ProductInput { Name = "Steel gate" }, TwoSteps));
        var before = await SnapshotAsync(id);

        var result = await Products(s => s.SaveDraftAsync(company.OwnerId, id, new ProductInput { Name = "Steel gate" },
            [new StepInput { Name = new string('x', 256) }]));

        Assert.Contains("Step 1", result.FieldErrors.Values.Single());
        Assert.Equal(before, await SnapshotAsync(id));
    }

    [Fact]
    public async Task Search_FindsProductsByName_IgnoringCase()
    {
        var (company, _) = await DraftAsync();
        await Products(s => s.CreateAsync(company.OwnerId, new ProductInput { Name = "Wooden door" }));

        var found = await Products(s => s.ListAsync(company.OwnerId, "DOOR"));

        Assert.Equal("Wooden door", Assert.Single(found!.Rows).Name);
    }
}
