using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Productions;

/// <summary>bUnit for the product, production and task pages: seeding through the real services, as people would.</summary>
public abstract class ProductionsComponentTest : HeshComponentTest
{
    /// <summary>How long a page may take to show a change: loading the data and a live change run on a busy machine.</summary>
    protected static readonly TimeSpan Live = TimeSpan.FromSeconds(10);

    protected Task<T> Call<TService, T>(Func<TService, Task<T>> call) where TService : notnull =>
        WithDbAsync(s => call(s.GetRequiredService<TService>()));

    protected static void Ok(Result result) => Assert.True(result.Succeeded, result.Error);

    /// <summary>A product of these steps (none: a draft never published), published when it has any.</summary>
    protected async Task<Guid> ProductAsync(string ownerId, params string[] steps)
    {
        var id = (await Call<ProductService, Result<Guid>>(s => s.CreateAsync(ownerId, new ProductInput { Name = "Gate" }))).Value;
        Ok(await Call<ProductService, Result>(s => s.SaveDraftAsync(ownerId, id, new ProductInput { Name = "Gate" }, steps.Select(n => new StepInput { Name = n }).ToList())));
        if (steps.Length > 0)
        {
            Ok(await Call<ProductService, Result<int>>(s => s.PublishAsync(ownerId, id)));
        }
        return id;
    }

    protected async Task<(Guid Production, IReadOnlyList<Guid> Tasks)> LaunchAsync(string ownerId, params string[] steps)
    {
        var product = await ProductAsync(ownerId, steps);
        var id = (await Call<ProductionService, Result<Guid>>(s => s.LaunchAsync(ownerId, new LaunchInput { ProductId = product }))).Value;
        var details = (await Call<ProductionService, ProductionDetails?>(s => s.GetAsync(ownerId, id)))!;
        return (id, details.Tasks.Select(t => t.Id).ToList());
    }

    protected Task WorkAsync(Func<TaskService, Task<Result>> call) => Call<TaskService, Result>(call).ContinueWith(t => Ok(t.Result));

    protected Task MoveAsync(string ownerId, Guid id, ProductionAction action) =>
        Call<ProductionService, Result>(s => s.ApplyAsync(ownerId, id, action)).ContinueWith(t => Ok(t.Result));

    /// <summary>An administrator's switch, as the Permissions tab flips it: the change reaches open pages live.</summary>
    protected async Task ToggleAsync(string ownerId, string userId, PermissionKey key, bool on)
    {
        var version = await WithDbAsync(async s => (await s.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<HeshUser>>().FindByIdAsync(userId))!.AccessVersion);
        Ok(await Call<UserPermissionService, Result<PermissionSheet>>(s => s.ToggleAsync(ownerId, userId, Platform.Web, key, on, version)));
    }

    protected static AccessSet Web(params PermissionKey[] keys) =>
        keys.Aggregate(AccessSet.Defaults(Platform.Web), (set, key) => set.With(key, true));
}
