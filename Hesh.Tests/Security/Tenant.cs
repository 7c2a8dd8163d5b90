using Hesh.Core.Common;
using Hesh.Core.DayOffs;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Security;

/// <summary>
/// A company with something of everything to attack: an admin, a performer (in a department and a position, with a
/// day-off and tasks), a pending and an inactive user, a sub-department, a position with a permission template, a
/// published product, a running production (tasks Done, In progress, To do and In queue), a production still to do,
/// and an open session of the owner and of the performer. Every name carries the company's tag,
/// so a page leaking this company's data is caught by looking for the tag.
/// </summary>
public sealed record Tenant(
    TestCompany Company, HeshUser Admin, HeshUser Performer, HeshUser Pending, HeshUser Inactive,
    Guid DepartmentId, Guid SubDepartmentId, Guid PositionId, Guid ProductId,
    Guid RunningProductionId, Guid TodoProductionId,
    Guid DoneTaskId, Guid InProgressTaskId, Guid TodoTaskId, Guid QueuedTaskId, Guid DayOffId,
    string OwnerSessionId, string PerformerSessionId)
{
    /// <summary>The position's template: more than the defaults on both platforms, so applying it changes something.</summary>
    public static AccessPair WelderTemplate { get; } = new(
        AccessSet.Defaults(Platform.Web).With(PermissionKey.TasksView, true).WithScope(TaskScope.Department),
        AccessSet.Defaults(Platform.Mobile).With(PermissionKey.ProductionsView, true));

    public Guid Id => Company.Id;
    public string OwnerId => Company.OwnerId;
    public string Tag => Company.Tag;
    public string ProductName => ProductNameOf(Tag);

    public static string ProductNameOf(string tag) => $"Secret product {tag}";

    public static async Task<Tenant> CreateAsync(AppHost host)
    {
        var company = await host.CreateCompanyAsync();
        var owner = company.OwnerId;
        var tag = company.Tag;
        var admin = await company.AddUserAsync("Adam", admin: true);
        var performer = await company.AddUserAsync("Petra");
        var pending = await company.AddUserAsync("Penny", UserStatus.Pending);
        var inactive = await company.AddUserAsync("Ivan", UserStatus.Inactive);

        Ok(await host.Call<PositionService, Result>(s => s.AddDepartmentAsync(owner, $"Assembly {tag}", null)));
        var department = await host.DbAsync(db => db.Departments.Where(d => d.CompanyId == company.Id).Select(d => d.Id).SingleAsync());
        Ok(await host.Call<PositionService, Result>(s => s.AddDepartmentAsync(owner, $"Welding {tag}", department)));
        var sub = await host.DbAsync(db => db.Departments.Where(d => d.CompanyId == company.Id && d.ParentId == department).Select(d => d.Id).SingleAsync());
        Ok(await host.Call<PositionService, Result>(s => s.AddPositionAsync(owner, $"Welder {tag}")));
        var position = await host.DbAsync(db => db.Positions.Where(p => p.CompanyId == company.Id).Select(p => p.Id).SingleAsync());
        Ok(await host.Call<PositionService, Result<PositionTemplate>>(s => s.SetTemplateAsync(owner, position, WelderTemplate)));
        Ok(await host.Call<PositionService, Result>(s => s.AssignAsync(owner, performer.Id, department, position)));

        var product = await host.Call<ProductService, Result<Guid>>(s => s.CreateAsync(owner, new ProductInput { Name = ProductNameOf(tag), Description = $"Drawing {tag}" }));
        Ok(product);
        Ok(await host.Call<ProductService, Result>(s => s.SaveDraftAsync(owner, product.Value, new ProductInput { Name = ProductNameOf(tag), Description = $"Drawing {tag}" },
        [
            new StepInput { Name = $"Cut {tag}", BasicReward = 10 }, new StepInput { Name = $"Weld {tag}", BasicReward = 20 },
            new StepInput { Name = $"Grind {tag}", DepartmentId = department, BasicReward = 5 }, new StepInput { Name = $"Paint {tag}", BasicReward = 7 },
        ])));
        Ok(await host.Call<ProductService, Result<int>>(s => s.PublishAsync(owner, product.Value)));
        var running = await host.Call<ProductionService, Result<Guid>>(s => s.LaunchAsync(owner, new LaunchInput { ProductId = product.Value, Client = $"Client {tag}" }));
        Ok(running);
        var todo = await host.Call<ProductionService, Result<Guid>>(s => s.LaunchAsync(owner, new LaunchInput { ProductId = product.Value }));
        Ok(todo);
        var tasks = (await host.Call<ProductionService, ProductionDetails?>(s => s.GetAsync(owner, running.Value)))!.Tasks;
        Ok(await host.Call<TaskService, Result>(s => s.AssignAsync(owner, [tasks[0].Id, tasks[1].Id, tasks[2].Id], performer.Id)));
        Ok(await host.Call<TaskService, Result>(s => s.StartAsync(performer.Id, tasks[0].Id)));
        Ok(await host.Call<TaskService, Result>(s => s.FinishAsync(performer.Id, tasks[0].Id)));
        Ok(await host.Call<TaskService, Result>(s => s.StartAsync(performer.Id, tasks[1].Id)));
        Ok(await host.Call<TaskService, Result>(s => s.UnlockAsync(owner, tasks[2].Id)));

        var start = DateTime.UtcNow.Date.AddDays(3).AddHours(8);
        Ok(await host.Call<DayOffService, Result>(s => s.AddAsync(owner, performer.Id, start, start.AddHours(9), $"Dentist {tag}")));
        var dayOff = await host.DbAsync(db => db.DayOffs.Where(d => d.UserId == performer.Id).Select(d => d.Id).SingleAsync());

        var ownerSession = await OpenSessionAsync(host, company.OwnerEmail, owner);
        var performerSession = await OpenSessionAsync(host, performer.Email!, performer.Id);

        return new Tenant(company, admin, performer, pending, inactive, department, sub, position, product.Value, running.Value, todo.Value,
            tasks[0].Id, tasks[1].Id, tasks[2].Id, tasks[3].Id, dayOff, ownerSession, performerSession);
    }

    /// <summary>Signs in over HTTP and leaves the session open (the cookie is dropped, the server-side row stays).</summary>
    private static async Task<string> OpenSessionAsync(AppHost host, string email, string userId)
    {
        using (await host.SignedInAsync(email))
        {
        }
        return await host.DbAsync(db => db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null).Select(s => s.Id).SingleAsync());
    }

    private static void Ok(Result result) => Assert.True(result.Succeeded, result.Error);
}

public static class SecurityTestExtensions
{
    /// <summary>
    /// Calls a Core service the way a component's event handler does (ServerCalls: a fresh scope, the actor's id): with the
    /// attacker's id, this is the crafted component event.
    /// </summary>
    public static Task<T> Call<TService, T>(this AppHost host, Func<TService, Task<T>> call) where TService : notnull =>
        host.WithScopeAsync(s => call(s.GetRequiredService<TService>()));

    /// <summary>A fresh invitation link token for a pending user, as the invitation email carries it.</summary>
    public static Task<string> IssueInvitationAsync(this AppHost host, string userId, DateTime? now = null) =>
        host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<Hesh.Core.Data.HeshDbContext>();
            var user = await db.Users.SingleAsync(u => u.Id == userId);
            var token = Invitation.Issue(user, now ?? DateTime.UtcNow);
            await db.SaveChangesAsync();
            return token;
        });

    /// <summary>A password reset code for a user, as the reset email carries it.</summary>
    public static Task<string> ResetCodeAsync(this AppHost host, string userId) =>
        host.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<HeshUser>>();
            return await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(userId))!);
        });

    public static string ResetPath(string email, string code) =>
        $"/Account/ResetPassword?email={Uri.EscapeDataString(email)}&code={Uri.EscapeDataString(code)}";

    public static string InvitationPath(string userId, string token) =>
        $"/Account/Invitation?userId={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";

    public static Dictionary<string, string> NewPassword(string password) =>
        new() { ["Input.Password"] = password, ["Input.ConfirmPassword"] = password };

    /// <summary>Named theory rows: each attack is one case, reported under the rule it checks.</summary>
    public static IEnumerable<TheoryDataRow<string>> Rows(IEnumerable<string> names) =>
        names.Select(name => new TheoryDataRow<string>(name) { TestDisplayName = name });

    public static async Task<BrowserSession> SignedInAsync(this AppHost host, string email, string password = TestCompany.Password)
    {
        var session = new BrowserSession(host);
        await session.SignInAsync(email, password);
        Assert.True(await session.IsSignedInAsync(), $"{email} could not sign in to set up the attack.");
        return session;
    }
}
