using Hesh.Core.Audit;
using Hesh.Core.Permissions;

namespace Hesh.Tests.Audit;

/// <summary>The audit log says only what changed; the full sets stay on the entry.</summary>
public sealed class AuditChangeTests
{
    private static readonly AccessSet Web = AccessSet.Defaults(Platform.Web);

    [Fact]
    public void A_switched_on_permission_reads_as_that_one_permission_gained_on_its_platform()
    {
        var after = Web.With(PermissionKey.Analytics, true);

        var change = AuditChange.Of(AuditAction.PermissionGranted, "Web access · Analytics", Web.Describe(), after.Describe());

        var line = Assert.Single(change.Lines);
        Assert.Equal(new AuditChangeLine(AuditChangeKind.Gained, "+ Analytics (web)"), line);
        Assert.True(change.IsSetChange);
    }

    [Fact]
    public void Switching_a_view_off_lists_the_view_and_the_edit_it_took_along_as_lost()
    {
        var before = Web.With(PermissionKey.ProductionsEdit, true);

        var change = AuditChange.Of(AuditAction.PermissionRevoked, "Mobile access · Productions view", before.Describe(), Web.Describe());

        Assert.Equal(["− Productions view (mobile)", "− Productions edit (mobile)"], change.Lines.Select(l => l.Text));
        Assert.All(change.Lines, l => Assert.Equal(AuditChangeKind.Lost, l.Kind));
    }

    [Fact]
    public void A_change_of_both_platforms_names_each_difference_with_its_platform_and_the_level_before_and_after()
    {
        var before = AccessPair.Defaults;
        var after = before.With(Platform.Web, before.Web.With(PermissionKey.Analytics, true))
            .With(Platform.Mobile, before.Mobile.WithScope(TaskScope.AllDepartments));

        var change = AuditChange.Of(AuditAction.PermissionsApplied, "Position template applied (+2 / −0)", before.Describe(), after.Describe());

        Assert.Equal(["+ Analytics (web)", "+ Tasks view (mobile)", "Task edit level (mobile): No access → All departments"], change.Lines.Select(l => l.Text));
    }

    [Fact]
    public void A_first_template_reads_as_everything_it_offers_gained_and_a_removed_one_as_everything_lost()
    {
        var template = AccessPair.Defaults;

        var set = AuditChange.Of(AuditAction.TemplateSet, "Permission template of Welder", AuditChange.NoTemplate, template.Describe());
        var removed = AuditChange.Of(AuditAction.TemplateRemoved, "Permission template of Welder", template.Describe(), AuditChange.NoTemplate);

        Assert.Contains("+ Products view (web)", set.Lines.Select(l => l.Text));
        Assert.All(set.Lines, l => Assert.Equal(AuditChangeKind.Gained, l.Kind));
        Assert.Equal(set.Lines.Count, removed.Lines.Count);
        Assert.All(removed.Lines, l => Assert.Equal(AuditChangeKind.Lost, l.Kind));
    }

    [Fact]
    public void A_single_value_reads_as_before_and_after()
    {
        var change = AuditChange.Of(AuditAction.DepartmentRenamed, "Department name", "Welding", "Welding & cutting");

        Assert.Equal("Welding → Welding & cutting", Assert.Single(change.Lines).Text);
        Assert.False(change.IsSetChange);
        Assert.Equal("— → Assembly", AuditChange.Of(AuditAction.DepartmentAdded, "Department", null, "Assembly").Text);
    }

    [Fact]
    public void An_entry_with_nothing_before_or_after_shows_no_change_line()
    {
        Assert.Empty(AuditChange.Of(AuditAction.PasswordChanged, "Password", null, null).Lines);
    }

    [Fact]
    public void Only_people_are_linked_as_subjects_organisation_entries_are_not()
    {
        Assert.True(AuditAction.PermissionGranted.IsAboutUser());
        Assert.False(AuditAction.DepartmentAdded.IsAboutUser());
        Assert.False(AuditAction.TemplateSet.IsAboutUser());
        Assert.False(AuditAction.CompanyProfileChanged.IsAboutUser());
    }
}
