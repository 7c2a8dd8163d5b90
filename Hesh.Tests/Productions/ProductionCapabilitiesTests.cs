using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.Productions;

/// <summary>
/// What the production screens offer is what the server then does, for every status and action; and every status
/// change is in the audit log, in the same unit of work.
/// </summary>
public sealed class ProductionCapabilitiesTests(AppHost host)
{
    private static void Ok(Result result) => Assert.True(result.Succeeded, result.Error);

    private async Task<(TestCompany Company, Guid ProductId)> PublishedAsync()
    {
        var company = await host.CreateCompanyAsync();
        var product = (await host.Call<ProductService, Result<Guid>>(s => s.CreateAsync(company.OwnerId, new ProductInput { Name = "Gate" }))).Value;
        Ok(await host.Call<ProductService, Result>(s => s.SaveDraftAsync(company.OwnerId, product, new ProductInput { Name = "Gate" }, [new StepInput { Name = "Cut" }])));
        Ok(await host.Call<ProductService, Result<int>>(s => s.PublishAsync(company.OwnerId, product)));
        return (company, product);
    }

    /// <summary>How each status is reached from To do by the owner.</summary>
    private static readonly Dictionary<ProductionStatus, ProductionAction[]> Paths = new()
    {
        [ProductionStatus.ToDo] = [],
        [ProductionStatus.InProgress] = [ProductionAction.Start],
        [ProductionStatus.Stopped] = [ProductionAction.Start, ProductionAction.Stop],
        [ProductionStatus.FromStock] = [ProductionAction.FulfilFromStock],
        [ProductionStatus.Canceled] = [ProductionAction.Cancel],
    };

    private async Task<(TestCompany Company, Guid Production)> InStatusAsync(ProductionStatus status)
    {
        var (company, product) = await PublishedAsync();
        var id = (await host.Call<ProductionService, Result<Guid>>(s => s.LaunchAsync(company.OwnerId, new LaunchInput { ProductId = product }))).Value;
        foreach (var step in Paths[status])
        {
            Ok(await host.Call<ProductionService, Result>(s => s.ApplyAsync(company.OwnerId, id, step)));
        }
        return (company, id);
    }

    public static TheoryData<ProductionStatus, ProductionAction> EveryStatusAndAction()
    {
        var data = new TheoryData<ProductionStatus, ProductionAction>();
        foreach (var status in Paths.Keys)
        {
            foreach (var action in Enum.GetValues<ProductionAction>())
            {
                data.Add(status, action);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndAction))]
    public async Task AnEditor_IsOfferedAnAction_ExactlyWhenTheServerThenApplies(ProductionStatus status, ProductionAction action)
    {
        var (company, id) = await InStatusAsync(status);
        var details = (await host.Call<ProductionService, ProductionDetails?>(s => s.GetAsync(company.OwnerId, id)))!;
        var listed = Assert.Single((await host.Call<ProductionService, ProductionList?>(s => s.ListAsync(company.OwnerId, new ProductionQuery())))!.Rows);

        var result = await host.Call<ProductionService, Result>(s => s.ApplyAsync(company.OwnerId, id, action));

        Assert.Equal(details.Can.Actions.Contains(action), result.Succeeded);
        Assert.Equal(details.Can, listed.Can);
    }

    [Theory]
    [InlineData(ProductionStatus.ToDo)]
    [InlineData(ProductionStatus.InProgress)]
    [InlineData(ProductionStatus.Stopped)]
    [InlineData(ProductionStatus.Canceled)]
    public async Task AnEditor_IsOfferedDelete_ExactlyWhenTheServerThenDeletes(ProductionStatus status)
    {
        var (company, id) = await InStatusAsync(status);
        var can = (await host.Call<ProductionService, ProductionDetails?>(s => s.GetAsync(company.OwnerId, id)))!.Can;

        var result = await host.Call<ProductionService, Result>(s => s.DeleteAsync(company.OwnerId, id));

        Assert.Equal(can.Delete.Allowed, result.Succeeded);
        Assert.Equal(can.Delete.Reason, result.Error);
    }

    [Fact]
    public async Task AViewer_IsOfferedNothing_NotEvenLaunching_AndIsToldWhy()
    {
        var (company, id) = await InStatusAsync(ProductionStatus.ToDo);
        var boris = await company.AddUserAsync("Boris");
        Ok(await host.Call<UserPermissionService, Result<PermissionSheet>>(s => s.ToggleAsync(company.OwnerId, boris.Id, Platform.Web, PermissionKey.ProductionsView, true, 0)));

        var list = (await host.Call<ProductionService, ProductionList?>(s => s.ListAsync(boris.Id, new ProductionQuery())))!;
        var can = (await host.Call<ProductionService, ProductionDetails?>(s => s.GetAsync(boris.Id, id)))!.Can;

        Assert.False(list.Launch.Allowed);
        Assert.Empty(can.Actions);
        Assert.False(can.Delete.Allowed);
        Assert.False(can.Edit.Allowed);
        Assert.Contains("Productions edit", can.Edit.Reason);
        Assert.Empty(Assert.Single(list.Rows).Can.Actions);
    }

    [Fact]
    public async Task EveryStatusChange_IsAudited_WithBeforeAndAfter_AndTheTaskThatMovedIt()
    {
        var (company, product) = await PublishedAsync();
        var owner = company.OwnerId;
        var id = (await host.Call<ProductionService, Result<Guid>>(s => s.LaunchAsync(owner, new LaunchInput { ProductId = product }))).Value;
        var task = (await host.Call<ProductionService, ProductionDetails?>(s => s.GetAsync(owner, id)))!.Tasks.Single();
        Ok(await host.Call<TaskService, Result>(s => s.StartAsync(owner, task.Id)));
        Ok(await host.Call<ProductionService, Result>(s => s.ApplyAsync(owner, id, ProductionAction.Stop)));
        Ok(await host.Call<ProductionService, Result>(s => s.ApplyAsync(owner, id, ProductionAction.Resume)));
        Ok(await host.Call<TaskService, Result>(s => s.FinishAsync(owner, task.Id)));
        var other = (await host.Call<ProductionService, Result<Guid>>(s => s.LaunchAsync(owner, new LaunchInput { ProductId = product }))).Value;
        Ok(await host.Call<ProductionService, Result>(s => s.DeleteAsync(owner, other)));

        var entries = await host.DbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.CompanyId == company.Id
                && (e.Action == AuditAction.ProductionLaunched || e.Action == AuditAction.ProductionStatusChanged || e.Action == AuditAction.ProductionDeleted))
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.SubjectId, e.What, e.Before, e.After, e.ActorId }).ToListAsync());

        Assert.Equal(
        [
            (AuditAction.ProductionLaunched, id.ToString(), (string?)null, "To do"),
            (AuditAction.ProductionStatusChanged, id.ToString(), "To do", "In progress"),
            (AuditAction.ProductionStatusChanged, id.ToString(), "In progress", "Stopped"),
            (AuditAction.ProductionStatusChanged, id.ToString(), "Stopped", "In progress"),
            (AuditAction.ProductionStatusChanged, id.ToString(), "In progress", "Done"),
            (AuditAction.ProductionLaunched, other.ToString(), null, "To do"),
            (AuditAction.ProductionDeleted, other.ToString(), "To do", null),
        ], entries.Select(e => (e.Action, e.SubjectId, e.Before, e.After)));
        Assert.Equal($"Task {task.Key}", entries[1].What);
        Assert.Equal("Stop", entries[2].What);
        Assert.All(entries, e => Assert.Equal(owner, e.ActorId));
    }

    [Fact]
    public async Task ARefusedStatusChange_LeavesNoAuditEntry()
    {
        var (company, id) = await InStatusAsync(ProductionStatus.Canceled);
        var before = await host.DbAsync(db => db.AuditEntries.CountAsync(e => e.CompanyId == company.Id));

        Assert.False((await host.Call<ProductionService, Result>(s => s.ApplyAsync(company.OwnerId, id, ProductionAction.Start))).Succeeded);

        Assert.Equal(before, await host.DbAsync(db => db.AuditEntries.CountAsync(e => e.CompanyId == company.Id)));
    }
}
