using System.Net;
using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Core.DayOffs;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Core.Sessions;
using Hesh.Core.SignIns;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Hesh.Tests.Security.SecurityTestExtensions;

namespace Hesh.Tests.Security;

/// <summary>
/// PRODUCT §1: nothing of company A is ever visible to, or changeable by, company B. The attacker is the owner of
/// company A (an admin holding every permission), so nothing but the company boundary stands in the way; every id
/// is a real id of company B, as if guessed or leaked. Every action is refused, and neither company's data changes.
/// </summary>
public sealed class CrossCompanyAttacks(AppHost host)
{
    // The victim is built once per class: its cases run one after another, each compares its own before and after,
    // and every attack on it must be refused, so it stays as built. The attacker's company is new in every case.
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Tenant? _victim;

    private async Task<Tenant> VictimAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _victim ??= await WithHistoryAsync(await Tenant.CreateAsync(host));
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The victim's performer gets a permission history (Analytics granted), so a leaked history would show.</summary>
    private async Task<Tenant> WithHistoryAsync(Tenant t)
    {
        var granted = await host.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.ToggleAsync(t.OwnerId, t.Performer.Id, Platform.Web, PermissionKey.Analytics, true, t.Performer.AccessVersion));
        Assert.True(granted.Succeeded, granted.Error);
        return t with { Performer = (await host.FindUserAsync(t.Performer.Id))! };
    }

    private delegate Task<Result> CrossAttack(AppHost host, string attacker, Tenant victim, TestCompany attackerCompany);

    private static readonly Dictionary<string, CrossAttack> Actions = new()
    {
        ["Admin_cannot_edit_the_profile_of_another_companys_user"] = (h, me, v, _) => h.Call<UserAdministration, Result>(s =>
            s.UpdateProfileAsync(me, v.Performer.Id, new EditProfileInput { FirstName = "Hacked", LastName = "Name" })),
        ["Admin_cannot_inactivate_another_companys_user"] = (h, me, v, _) => h.Call<UserAdministration, Result>(s =>
            s.ApplyStatusActionAsync(me, v.Performer.Id, StatusAction.Inactivate)),
        ["Admin_cannot_activate_another_companys_inactive_user"] = (h, me, v, _) => h.Call<UserAdministration, Result>(s =>
            s.ApplyStatusActionAsync(me, v.Inactive.Id, StatusAction.Activate)),
        ["Admin_cannot_resend_the_invitation_of_another_companys_pending_user"] = (h, me, v, _) => h.Call<UserAdministration, Result>(s =>
            s.ResendInvitationAsync(me, v.Pending.Id)),
        ["Admin_cannot_set_the_password_of_another_companys_user"] = (h, me, v, _) => h.Call<UserAdministration, Result>(s =>
            s.SetPasswordAsync(me, v.Performer.Id, new NewPasswordInput { Password = "Taken-over-1", ConfirmPassword = "Taken-over-1" })),
        ["Admin_cannot_create_the_password_of_another_companys_pending_user"] = (h, me, v, _) => h.Call<UserAdministration, Result>(s =>
            s.SetPasswordAsync(me, v.Pending.Id, new NewPasswordInput { Password = "Taken-over-1", ConfirmPassword = "Taken-over-1" })),
        ["Admin_cannot_upload_a_photo_for_another_companys_user"] = (h, me, v, _) => h.Call<UserAdministration, Result>(s =>
            s.SetPhotoAsync(me, v.Performer.Id, InputAttacks.TinyPng)),
        ["Admin_cannot_toggle_a_permission_of_another_companys_user"] = async (h, me, v, _) => await h.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.ToggleAsync(me, v.Performer.Id, Platform.Web, PermissionKey.UsersPermissions, true, v.Performer.AccessVersion)),
        ["Admin_cannot_make_another_companys_user_an_admin"] = async (h, me, v, _) => await h.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.SetAdminAsync(me, v.Performer.Id, true, v.Performer.AccessVersion)),
        ["Admin_cannot_remove_the_admin_rights_of_another_companys_admin"] = async (h, me, v, _) => await h.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.SetAdminAsync(me, v.Admin.Id, false, v.Admin.AccessVersion)),
        ["Admin_cannot_set_the_task_edit_level_of_another_companys_user"] = async (h, me, v, _) => await h.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.SetTaskScopeAsync(me, v.Performer.Id, Platform.Mobile, TaskScope.AllDepartments, v.Performer.AccessVersion)),
        ["Admin_cannot_assign_a_position_to_another_companys_user"] = (h, me, v, _) => h.Call<PositionService, Result>(s =>
            s.AssignAsync(me, v.Performer.Id, null, null)),
        ["Admin_cannot_put_an_own_user_into_another_companys_department"] = (h, me, v, c) => h.Call<PositionService, Result>(s =>
            s.AssignAsync(me, c.OwnerId, v.DepartmentId, v.PositionId)),
        ["Admin_cannot_add_a_day_off_for_another_companys_user"] = (h, me, v, _) => h.Call<DayOffService, Result>(s =>
            s.AddAsync(me, v.Performer.Id, DateTime.UtcNow.AddDays(30), DateTime.UtcNow.AddDays(31), "Injected")),
        ["Admin_cannot_remove_a_day_off_of_another_companys_user"] = (h, me, v, _) => h.Call<DayOffService, Result>(s =>
            s.RemoveAsync(me, v.Performer.Id, v.DayOffId)),
        ["Admin_cannot_remove_another_companys_day_off_through_an_own_user"] = (h, me, v, c) => h.Call<DayOffService, Result>(s =>
            s.RemoveAsync(me, c.OwnerId, v.DayOffId)),
        ["Admin_cannot_transfer_ownership_to_another_companys_user"] = (h, me, v, _) => h.Call<OwnershipService, Result>(s =>
            s.TransferAsync(me, v.Performer.Id, TestCompany.Password)),
        ["Admin_cannot_invite_a_user_into_another_companys_department"] = async (h, me, v, c) => await h.Call<UserAdministration, Result<string>>(s =>
            s.InviteAsync(me, new InviteUserInput { Email = $"mole-{c.Tag}@test.hesh", FirstName = "Mole", LastName = "Agent", DepartmentId = v.DepartmentId })),
        ["Admin_cannot_save_the_draft_of_another_companys_product"] = (h, me, v, _) => h.Call<ProductService, Result>(s =>
            s.SaveDraftAsync(me, v.ProductId, new ProductInput { Name = "Hijacked" }, [new StepInput { Name = "Sabotage" }])),
        ["Admin_cannot_publish_another_companys_product"] = async (h, me, v, _) => await h.Call<ProductService, Result<int>>(s =>
            s.PublishAsync(me, v.ProductId)),
        ["Admin_cannot_launch_a_production_of_another_companys_product"] = async (h, me, v, _) => await h.Call<ProductionService, Result<Guid>>(s =>
            s.LaunchAsync(me, new LaunchInput { ProductId = v.ProductId })),
        ["Admin_cannot_stop_another_companys_production"] = (h, me, v, _) => h.Call<ProductionService, Result>(s =>
            s.ApplyAsync(me, v.RunningProductionId, ProductionAction.Stop)),
        ["Admin_cannot_start_another_companys_production"] = (h, me, v, _) => h.Call<ProductionService, Result>(s =>
            s.ApplyAsync(me, v.TodoProductionId, ProductionAction.Start)),
        ["Admin_cannot_delete_another_companys_production"] = (h, me, v, _) => h.Call<ProductionService, Result>(s =>
            s.DeleteAsync(me, v.TodoProductionId)),
        ["Admin_cannot_start_another_companys_task"] = (h, me, v, _) => h.Call<TaskService, Result>(s => s.StartAsync(me, v.TodoTaskId)),
        ["Admin_cannot_finish_another_companys_task"] = (h, me, v, _) => h.Call<TaskService, Result>(s => s.FinishAsync(me, v.InProgressTaskId)),
        ["Admin_cannot_assign_another_companys_task"] = (h, me, v, _) => h.Call<TaskService, Result>(s => s.AssignAsync(me, [v.TodoTaskId], null)),
        ["Admin_cannot_fail_another_companys_done_task"] = (h, me, v, _) => h.Call<TaskService, Result>(s => s.FailAsync(me, v.DoneTaskId, "Sabotage", null)),
        ["Admin_cannot_unlock_another_companys_queued_task"] = (h, me, v, _) => h.Call<TaskService, Result>(s => s.UnlockAsync(me, v.QueuedTaskId)),
        ["Admin_cannot_change_the_status_of_another_companys_tasks_in_bulk"] = (h, me, v, _) => h.Call<TaskService, Result>(s =>
            s.SetStatusAsync(me, [v.TodoTaskId, v.InProgressTaskId], WorkStatus.Canceled)),
        ["Admin_cannot_create_a_department_under_another_companys_department"] = (h, me, v, _) => h.Call<PositionService, Result>(s =>
            s.AddDepartmentAsync(me, "Implant", v.DepartmentId)),
        ["Admin_cannot_rename_another_companys_department"] = (h, me, v, _) => h.Call<PositionService, Result>(s =>
            s.RenameDepartmentAsync(me, v.SubDepartmentId, "Renamed")),
        ["Admin_cannot_move_another_companys_department"] = (h, me, v, _) => h.Call<PositionService, Result>(s =>
            s.MoveDepartmentAsync(me, v.SubDepartmentId, null)),
        ["Admin_cannot_delete_another_companys_department"] = (h, me, v, _) => h.Call<PositionService, Result>(s =>
            s.DeleteDepartmentAsync(me, v.SubDepartmentId)),
        ["Admin_cannot_rename_another_companys_position"] = (h, me, v, _) => h.Call<PositionService, Result>(s =>
            s.RenamePositionAsync(me, v.PositionId, "Renamed")),
        ["Admin_cannot_delete_another_companys_position"] = (h, me, v, _) => h.Call<PositionService, Result>(s =>
            s.DeletePositionAsync(me, v.PositionId)),
    };

    public static IEnumerable<TheoryDataRow<string>> ActionCases() => Rows(Actions.Keys);

    [Theory]
    [MemberData(nameof(ActionCases))]
    public async Task Action_with_another_companys_id_is_refused_and_changes_nothing(string rule)
    {
        var victim = await VictimAsync();
        var attacker = await host.CreateCompanyAsync();
        var before = await DbFingerprint.TakeAsync(host, victim.Id, attacker.Id);

        var result = await Actions[rule](host, attacker.OwnerId, victim, attacker);

        Assert.False(result.Succeeded, $"{rule}: the action went through.");
        TestContext.Current.TestOutputHelper?.WriteLine($"{rule}: {result.Error} {string.Join(" ", result.FieldErrors.Values)}");
        Assert.DoesNotContain(victim.Tag, result.Error ?? "");
        Assert.DoesNotContain(victim.Tag, string.Join(" ", result.FieldErrors.Values));
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, victim.Id, attacker.Id));
    }

    [Fact]
    public async Task Admin_cannot_assign_an_own_task_to_another_companys_user()
    {
        var victim = await VictimAsync();
        var attacker = await Tenant.CreateAsync(host);
        var before = await DbFingerprint.TakeAsync(host, victim.Id, attacker.Id);

        var result = await host.Call<TaskService, Result>(s => s.AssignAsync(attacker.OwnerId, [attacker.TodoTaskId], victim.Performer.Id));

        Assert.False(result.Succeeded);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, victim.Id, attacker.Id));
    }

    [Fact]
    public async Task Admin_cannot_use_another_companys_department_in_a_product_step()
    {
        var victim = await VictimAsync();
        var attacker = await host.CreateCompanyAsync();
        var own = await host.Call<ProductService, Result<Guid>>(s => s.CreateAsync(attacker.OwnerId, new ProductInput { Name = "Own" }));
        var before = await DbFingerprint.TakeAsync(host, victim.Id, attacker.Id);

        var result = await host.Call<ProductService, Result>(s => s.SaveDraftAsync(attacker.OwnerId, own.Value, new ProductInput { Name = "Own" },
            [new StepInput { Name = "Step", DepartmentId = victim.DepartmentId }]));

        Assert.False(result.Succeeded);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, victim.Id, attacker.Id));
    }

    // ---- Issue 7: templates, copy, preview, bulk, sessions, forced password change, history ----

    /// <summary>The attacker's own company with a non-admin member and a position with a template, to aim the plans from.</summary>
    private sealed record Own(TestCompany Company, HeshUser Member, Guid PositionId)
    {
        public string OwnerId => Company.OwnerId;
    }

    private async Task<Own> OwnAsync()
    {
        var company = await host.CreateCompanyAsync();
        var member = await company.AddUserAsync("Mole");
        Assert.True((await host.Call<PositionService, Result>(s => s.AddPositionAsync(company.OwnerId, $"Spy {company.Tag}"))).Succeeded);
        var position = await host.DbAsync(db => db.Positions.Where(p => p.CompanyId == company.Id).Select(p => p.Id).SingleAsync());
        Assert.True((await host.Call<PositionService, Result<PositionTemplate>>(s => s.SetTemplateAsync(company.OwnerId, position, Tenant.WelderTemplate))).Succeeded);
        return new Own(company, member, position);
    }

    private static AccessPair Everything => new(AccessSet.Everything, AccessSet.Everything);

    private static Task<Result<AccessPreview>> Apply(AppHost h, string actor, string target, AccessPlan plan, int version) =>
        h.Call<AccessPlanService, Result<AccessPreview>>(s => s.ApplyAsync(actor, target, plan, version, ChangeSource.Copy, closingPagesConfirmed: true));

    private static readonly Dictionary<string, Func<AppHost, Tenant, Own, Task<Result>>> PlanActions = new()
    {
        ["Admin_cannot_preview_a_copy_from_another_companys_user"] = async (h, v, o) => await h.Call<AccessPlanService, Result<AccessPreview>>(s =>
            s.PreviewAsync(o.OwnerId, o.Member.Id, new AccessPlan.FromUser(v.Performer.Id))),
        ["Admin_cannot_copy_the_permissions_of_another_companys_user"] = async (h, v, o) =>
            await Apply(h, o.OwnerId, o.Member.Id, new AccessPlan.FromUser(v.Performer.Id), o.Member.AccessVersion),
        ["Admin_cannot_copy_an_own_users_permissions_onto_another_companys_user"] = async (h, v, o) =>
            await Apply(h, o.OwnerId, v.Performer.Id, new AccessPlan.FromUser(o.Member.Id), v.Performer.AccessVersion),
        ["Admin_cannot_preview_a_change_of_another_companys_user"] = async (h, v, o) => await h.Call<AccessPlanService, Result<AccessPreview>>(s =>
            s.PreviewAsync(o.OwnerId, v.Performer.Id, new AccessPlan.Grant(Platform.Web, [PermissionKey.Analytics]))),
        ["Admin_cannot_grant_a_permission_to_another_companys_user_through_a_plan"] = async (h, v, o) =>
            await Apply(h, o.OwnerId, v.Performer.Id, new AccessPlan.Grant(Platform.Web, [PermissionKey.UsersPermissions]), v.Performer.AccessVersion),
        ["Admin_cannot_revoke_a_permission_of_another_companys_user_through_a_plan"] = async (h, v, o) =>
            await Apply(h, o.OwnerId, v.Performer.Id, new AccessPlan.Revoke(Platform.Web, [PermissionKey.MyTasks]), v.Performer.AccessVersion),
        ["Admin_cannot_apply_another_companys_position_template_to_an_own_user"] = async (h, v, o) =>
            await Apply(h, o.OwnerId, o.Member.Id, new AccessPlan.FromPosition(v.PositionId), o.Member.AccessVersion),
        ["Admin_cannot_apply_an_own_position_template_to_another_companys_user"] = async (h, v, o) =>
            await Apply(h, o.OwnerId, v.Performer.Id, new AccessPlan.FromPosition(o.PositionId), v.Performer.AccessVersion),
        ["Admin_cannot_read_the_template_of_another_companys_position"] = async (h, v, o) => await h.Call<PositionService, Result<PositionTemplate>>(s =>
            s.GetTemplateAsync(o.OwnerId, v.PositionId)),
        ["Admin_cannot_set_the_template_of_another_companys_position"] = async (h, v, o) => await h.Call<PositionService, Result<PositionTemplate>>(s =>
            s.SetTemplateAsync(o.OwnerId, v.PositionId, Everything)),
        ["Admin_cannot_remove_the_template_of_another_companys_position"] = async (h, v, o) => await h.Call<PositionService, Result<PositionTemplate>>(s =>
            s.SetTemplateAsync(o.OwnerId, v.PositionId, null)),
        ["Admin_cannot_list_the_sessions_of_another_companys_user"] = async (h, v, o) => await h.Call<SessionService, Result<IReadOnlyList<SessionView>>>(s =>
            s.ListAsync(o.OwnerId, v.Performer.Id, null)),
        ["Admin_cannot_sign_out_another_companys_user_everywhere"] = async (h, v, o) => await h.Call<SessionService, Result<int>>(s =>
            s.EndAsync(o.OwnerId, v.Performer.Id, null)),
        ["Admin_cannot_end_one_session_of_another_companys_user"] = async (h, v, o) => await h.Call<SessionService, Result<int>>(s =>
            s.EndAsync(o.OwnerId, v.Performer.Id, v.PerformerSessionId)),
        ["Admin_cannot_end_another_companys_session_through_their_own_account"] = async (h, v, o) => await h.Call<SessionService, Result<int>>(s =>
            s.EndAsync(o.OwnerId, o.OwnerId, v.OwnerSessionId)),
        ["Admin_cannot_end_another_companys_session_through_an_own_user"] = async (h, v, o) => await h.Call<SessionService, Result<int>>(s =>
            s.EndAsync(o.OwnerId, o.Member.Id, v.PerformerSessionId)),
        ["Admin_cannot_read_the_sign_in_history_of_another_companys_user"] = async (h, v, o) => await h.Call<SignInHistory, Result<SignInPage>>(s =>
            s.ListAsync(o.OwnerId, v.Performer.Id)),
        ["Admin_cannot_read_the_sign_in_history_of_another_companys_owner"] = async (h, v, o) => await h.Call<SignInHistory, Result<SignInPage>>(s =>
            s.ListAsync(o.OwnerId, v.OwnerId, new SignInCursor(DateTime.UtcNow.AddDays(1), long.MaxValue))),
        ["Admin_cannot_require_a_password_change_of_another_companys_user"] = (h, v, o) => h.Call<UserAdministration, Result>(s =>
            s.RequirePasswordChangeAsync(o.OwnerId, v.Performer.Id, true)),
        ["Admin_cannot_require_a_password_change_of_another_companys_owner"] = (h, v, o) => h.Call<UserAdministration, Result>(s =>
            s.RequirePasswordChangeAsync(o.OwnerId, v.OwnerId, true)),
        ["Admin_cannot_read_the_permission_history_of_another_companys_user"] = async (h, v, o) => await h.Call<AuditQueries, Result<IReadOnlyList<HistoryRow>>>(s =>
            s.HistoryAsync(o.OwnerId, v.Performer.Id)),
        ["Bulk_change_of_more_users_than_allowed_is_refused_before_any_is_read"] = async (h, v, o) => await h.Call<AccessPlanService, Result<BulkOutcome>>(s =>
            s.ApplyManyAsync(o.OwnerId, Enumerable.Range(0, AccessPlanService.MaxBulkUsers).Select(i => $"guess-{i}").Append(v.Performer.Id)
                .ToDictionary(id => id, _ => 0), new AccessPlan.Grant(Platform.Web, [PermissionKey.Analytics]), ChangeSource.Bulk)),
    };

    public static IEnumerable<TheoryDataRow<string>> PlanCases() => Rows(PlanActions.Keys);

    [Theory]
    [MemberData(nameof(PlanCases))]
    public async Task Plan_session_or_history_action_with_another_companys_id_is_refused_and_changes_nothing(string rule)
    {
        var victim = await VictimAsync();
        var own = await OwnAsync();
        var before = await DbFingerprint.TakeAsync(host, victim.Id, own.Company.Id);

        var result = await PlanActions[rule](host, victim, own);

        Assert.False(result.Succeeded, $"{rule}: the action went through.");
        TestContext.Current.TestOutputHelper?.WriteLine($"{rule}: {result.Error}");
        Assert.DoesNotContain(victim.Tag, result.Error ?? "");
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, victim.Id, own.Company.Id));
    }

    /// <summary>Bulk changes with guessed ids: the other company's users are not even listed as skipped, and nobody changes anywhere.</summary>
    private static readonly Dictionary<string, Func<AppHost, Tenant, Own, Task<Result<BulkOutcome>>>> BulkActions = new()
    {
        ["Bulk_grant_to_another_companys_users_reaches_none_of_them"] = (h, v, o) => Bulk(h, o.OwnerId, v, new AccessPlan.Grant(Platform.Web, [PermissionKey.UsersPermissions])),
        ["Bulk_revoke_from_another_companys_users_reaches_none_of_them"] = (h, v, o) => Bulk(h, o.OwnerId, v, new AccessPlan.Revoke(Platform.Web, [PermissionKey.MyTasks, PermissionKey.ProductionsView])),
        ["Bulk_own_template_onto_another_companys_users_reaches_none_of_them"] = (h, v, o) => Bulk(h, o.OwnerId, v, new AccessPlan.FromPosition(o.PositionId)),
        ["Bulk_copy_onto_another_companys_users_reaches_none_of_them"] = (h, v, o) => Bulk(h, o.OwnerId, v, new AccessPlan.FromUser(o.Member.Id)),
        ["Bulk_preview_of_another_companys_users_lists_none_of_them"] = async (h, v, o) =>
        {
            var previews = await h.Call<AccessPlanService, Result<IReadOnlyList<AccessPreview>>>(s =>
                s.PreviewManyAsync(o.OwnerId, Ids(v), new AccessPlan.Grant(Platform.Web, [PermissionKey.Analytics])));
            return previews.Succeeded ? Result<BulkOutcome>.Success(new BulkOutcome([], previews.Value!, [])) : Result<BulkOutcome>.From(previews);
        },
        ["Bulk_template_of_another_companys_position_skips_the_own_users"] = (h, v, o) => h.Call<AccessPlanService, Result<BulkOutcome>>(s =>
            s.ApplyManyAsync(o.OwnerId, new Dictionary<string, int> { [o.Member.Id] = o.Member.AccessVersion }, new AccessPlan.FromPosition(v.PositionId), ChangeSource.Bulk)),
        ["Bulk_copy_from_another_companys_user_skips_the_own_users"] = (h, v, o) => h.Call<AccessPlanService, Result<BulkOutcome>>(s =>
            s.ApplyManyAsync(o.OwnerId, new Dictionary<string, int> { [o.Member.Id] = o.Member.AccessVersion }, new AccessPlan.FromUser(v.Performer.Id), ChangeSource.Bulk)),
    };

    private static IReadOnlyList<string> Ids(Tenant v) => [v.Performer.Id, v.Admin.Id, v.OwnerId, v.Pending.Id, v.Inactive.Id];

    private static Task<Result<BulkOutcome>> Bulk(AppHost h, string actor, Tenant v, AccessPlan plan) =>
        h.Call<AccessPlanService, Result<BulkOutcome>>(s => s.ApplyManyAsync(actor, Ids(v).ToDictionary(id => id, _ => 0), plan, ChangeSource.Bulk, closingPagesConfirmed: true));

    public static IEnumerable<TheoryDataRow<string>> BulkCases() => Rows(BulkActions.Keys);

    [Theory]
    [MemberData(nameof(BulkCases))]
    public async Task Bulk_change_with_another_companys_ids_changes_nobody_and_names_nobody_of_it(string rule)
    {
        var victim = await VictimAsync();
        var own = await OwnAsync();
        var before = await DbFingerprint.TakeAsync(host, victim.Id, own.Company.Id);

        var result = await BulkActions[rule](host, victim, own);

        Assert.True(result.Succeeded, result.Error);
        var outcome = result.Value!;
        Assert.Empty(outcome.Applied);
        var listed = outcome.Applied.Concat(outcome.Skipped).Concat(outcome.Unchanged).ToList();
        Assert.DoesNotContain(listed, p => Ids(victim).Contains(p.UserId));
        Assert.All(listed, p => Assert.NotNull(p.Refusal));
        Assert.DoesNotContain(victim.Tag, string.Join(" ", listed.Select(p => $"{p.FullName} {p.Refusal}")));
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, victim.Id, own.Company.Id));
    }

    [Fact]
    public async Task Guessed_permission_history_export_of_another_companys_user_is_not_found()
    {
        var victim = await VictimAsync();
        var attacker = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(attacker.OwnerEmail);
        var before = await DbFingerprint.TakeAsync(host, victim.Id, attacker.Id);

        foreach (var id in new[] { victim.Performer.Id, victim.OwnerId })
        {
            var response = await session.GetAsync($"/users/{id}/permission-history.csv");
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("When (UTC)", body);
            Assert.DoesNotContain("Web access · Analytics", body);
            Assert.DoesNotContain(victim.Tag, body);
        }
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, victim.Id, attacker.Id));
    }

    /// <summary>Reads a component makes with a guessed id: nothing of the other company comes back.</summary>
    private static readonly Dictionary<string, Func<AppHost, string, Tenant, Task<object?>>> Reads = new()
    {
        ["Admin_cannot_read_another_companys_user_details"] = async (h, me, v) => await h.Call<UserQueries, UserDetails?>(s => s.GetAsync(me, v.Performer.Id)),
        ["Admin_cannot_read_the_permissions_of_another_companys_user"] = async (h, me, v) => await h.Call<UserPermissionService, PermissionSheet?>(s => s.GetAsync(me, v.Performer.Id)),
        ["Admin_cannot_read_the_day_offs_of_another_companys_user"] = async (h, me, v) => await h.Call<DayOffService, IReadOnlyList<DayOffPeriod>?>(s => s.ListAsync(me, v.Performer.Id)),
        ["Admin_cannot_read_the_template_status_of_another_companys_user"] = async (h, me, v) => await h.Call<AccessPlanService, TemplateStatus?>(s => s.TemplateStatusAsync(me, v.Performer.Id)),
        ["Admin_cannot_read_another_companys_product"] = async (h, me, v) => await h.Call<ProductService, ProductDetails?>(s => s.GetAsync(me, v.ProductId)),
        ["Admin_cannot_read_another_companys_production"] = async (h, me, v) => await h.Call<ProductionService, ProductionDetails?>(s => s.GetAsync(me, v.RunningProductionId)),
        ["Admin_cannot_list_another_companys_tasks_by_filtering_on_its_production"] = async (h, me, v) =>
        {
            var page = await h.Call<TaskQueries, Result<TaskPage>>(s => s.ListAsync(me, new TaskQuery(ProductionId: v.RunningProductionId)));
            return page.Value!.Items.Count == 0 ? null : page.Value;
        },
        ["Admin_cannot_list_another_companys_tasks_by_filtering_on_its_assignee"] = async (h, me, v) =>
        {
            var page = await h.Call<TaskQueries, Result<TaskPage>>(s => s.ListAsync(me, new TaskQuery(AssigneeId: v.Performer.Id)));
            return page.Value!.Items.Count == 0 ? null : page.Value;
        },
        ["Admin_cannot_list_another_companys_users_by_filtering_on_its_department"] = async (h, me, v) =>
        {
            var page = await h.Call<UserQueries, Result<Page<UserRow>>>(s => s.ListAsync(me, new UserListQuery(DepartmentId: v.DepartmentId)));
            return page.Value!.Items.Count == 0 ? null : page.Value;
        },
    };

    public static IEnumerable<TheoryDataRow<string>> ReadCases() => Rows(Reads.Keys);

    [Theory]
    [MemberData(nameof(ReadCases))]
    public async Task Read_with_another_companys_id_returns_nothing_and_changes_nothing(string rule)
    {
        var victim = await VictimAsync();
        var attacker = await host.CreateCompanyAsync();
        var before = await DbFingerprint.TakeAsync(host, victim.Id, attacker.Id);

        Assert.Null(await Reads[rule](host, attacker.OwnerId, victim));

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, victim.Id, attacker.Id));
    }

    public static IEnumerable<TheoryDataRow<string>> PageCases() => Rows(
    [
        "Guessed_user_page_of_another_company_shows_not_found",
        "Guessed_user_permissions_tab_of_another_company_shows_not_found",
        "Guessed_user_day_offs_tab_of_another_company_shows_not_found",
        "Guessed_owner_security_tab_of_another_company_shows_not_found",
        "Guessed_product_page_of_another_company_shows_not_found",
        "Guessed_production_page_of_another_company_shows_not_found",
    ]);

    private static string PathOf(string rule, Tenant v) => rule switch
    {
        "Guessed_user_page_of_another_company_shows_not_found" => $"/users/{v.Performer.Id}",
        "Guessed_user_permissions_tab_of_another_company_shows_not_found" => $"/users/{v.Performer.Id}?tab=permissions",
        "Guessed_user_day_offs_tab_of_another_company_shows_not_found" => $"/users/{v.Performer.Id}?tab=dayoffs",
        "Guessed_owner_security_tab_of_another_company_shows_not_found" => $"/users/{v.OwnerId}?tab=security",
        "Guessed_product_page_of_another_company_shows_not_found" => $"/products/{v.ProductId}",
        "Guessed_production_page_of_another_company_shows_not_found" => $"/productions/{v.RunningProductionId}",
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    [Theory]
    [MemberData(nameof(PageCases))]
    public async Task Page_of_another_company_shows_no_data(string rule)
    {
        var victim = await VictimAsync();
        var attacker = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(attacker.OwnerEmail);
        var path = PathOf(rule, victim);
        var before = await DbFingerprint.TakeAsync(host, victim.Id, attacker.Id);

        var response = await session.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"no-access\"", html);
        Assert.Contains("not found", html);
        Assert.DoesNotContain(victim.Tag, html);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, victim.Id, attacker.Id));
    }
}
