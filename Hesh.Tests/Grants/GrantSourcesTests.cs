using Hesh.Core.Audit;
using Hesh.Core.Grants;
using Hesh.Core.Permissions;
using Hesh.Core.Users;

namespace Hesh.Tests.Grants;

/// <summary>"Why does this person have this?": each wording, from a grant row or, without one, from the history kept.</summary>
public sealed class GrantSourcesTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 15, 46, 0, DateTimeKind.Utc);
    private static readonly DateTime Earlier = new(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc);

    private static HeshUser Anna(params PermissionKey[] web) => new()
    {
        Id = "anna", FirstName = "Anna", LastName = "Novak",
        WebAccess = web.Aggregate(AccessSet.Defaults(Platform.Web), (set, key) => set.With(key, true)),
    };

    private static PermissionGrant Row(PermissionKey key, GrantSource source, string? name = null, DateTime? endsAt = null) => new()
    {
        UserId = "anna", Platform = Platform.Web, Key = key, Source = source, SourceName = name, GrantedByName = "Olivia Owner",
        GrantedAt = Earlier, EndsAt = endsAt,
    };

    private static string WhyOf(HeshUser user, PermissionKey key, IReadOnlyList<PermissionGrant>? rows = null, IReadOnlyList<AuditEntry>? history = null) =>
        GrantSources.Explain(user, rows ?? [], history ?? [], Now, TimeZoneInfo.Utc).Of(Platform.Web, key)!.Text;

    [Fact]
    public void TemplateRow_SaysFromTheTemplate() =>
        Assert.Equal("from the Welder template", WhyOf(Anna(PermissionKey.Analytics), PermissionKey.Analytics, [Row(PermissionKey.Analytics, GrantSource.Template, "Welder")]));

    [Fact]
    public void CopyRow_SaysCopiedFromWhom() =>
        Assert.Equal("copied from Anna Novak", WhyOf(Anna(PermissionKey.Analytics), PermissionKey.Analytics, [Row(PermissionKey.Analytics, GrantSource.Copy, "Anna Novak")]));

    [Fact]
    public void ToggleRow_SaysGrantedByWhomAndWhen() =>
        Assert.Equal("granted by Olivia Owner on 3 Dec", WhyOf(Anna(PermissionKey.Analytics), PermissionKey.Analytics, [Row(PermissionKey.Analytics, GrantSource.Toggle)]));

    [Fact]
    public void BulkRow_SaysABulkChange() =>
        Assert.Equal("granted by Olivia Owner in a bulk change on 3 Dec", WhyOf(Anna(PermissionKey.Analytics), PermissionKey.Analytics, [Row(PermissionKey.Analytics, GrantSource.Bulk)]));

    [Fact]
    public void RequestRow_SaysApprovedRequest() =>
        Assert.StartsWith("approved request", WhyOf(Anna(PermissionKey.Analytics), PermissionKey.Analytics, [Row(PermissionKey.Analytics, GrantSource.Request)]));

    [Fact]
    public void TemporaryRow_ReadByAKolkataViewer_SaysItsDayAndEndOnTheirClock_WithTheZoneNamed()
    {
        var user = Anna(PermissionKey.Analytics);
        // Granted at 20:00 UTC on 2 December (01:30 on the 3rd in Kolkata), ending at 20:00 UTC on the 3rd (01:30 on the 4th there).
        var row = Row(PermissionKey.Analytics, GrantSource.Toggle, endsAt: new DateTime(2026, 12, 3, 20, 0, 0, DateTimeKind.Utc));
        row.GrantedAt = new DateTime(2026, 12, 2, 20, 0, 0, DateTimeKind.Utc);

        var why = GrantSources.Explain(user, [row], [], Now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"));

        Assert.Equal("temporary until 4 Dec 01:30 Kolkata (UTC+5:30) — granted by Olivia Owner on 3 Dec", why.Of(Platform.Web, PermissionKey.Analytics)!.Text);
    }

    [Fact]
    public void TemporaryRow_SaysUntilWhenInUtc_AndIsListedWithItsEnd()
    {
        var user = Anna(PermissionKey.Analytics);
        var rows = new[] { Row(PermissionKey.Analytics, GrantSource.Toggle, endsAt: Now.Date.AddHours(18)) };

        var why = GrantSources.Explain(user, rows, [], Now, TimeZoneInfo.Utc);

        Assert.Equal("temporary until 18:00 UTC — granted by Olivia Owner on 3 Dec", why.Of(Platform.Web, PermissionKey.Analytics)!.Text);
        var listed = Assert.Single(why.Temporary);
        Assert.Equal((PermissionKey.Analytics, Now.Date.AddHours(18)), (listed.Key, listed.EndsAt));
    }

    [Fact]
    public void AlwaysOnKey_WithoutARow_IsADefaultForEveryone() =>
        Assert.Equal(GrantSources.Default, WhyOf(Anna(), PermissionKey.ProductsView));

    [Fact]
    public void KeyWithoutARowOrHistory_IsSinceBeforeSourcesWereRecorded() =>
        Assert.Equal(GrantSources.BeforeSources, WhyOf(Anna(PermissionKey.Analytics), PermissionKey.Analytics));

    [Fact]
    public void KeyWithoutARow_FallsBackToTheTemplateEntryThatGaveIt()
    {
        var entry = new AuditEntry
        {
            Action = AuditAction.PermissionsApplied, At = Earlier, ActorName = "Olivia Owner", What = "Template of Welder applied (+1 / −0)",
            Before = "Web: Products view, My tasks view & edit, Task edit level: No access · Mobile: My tasks view & edit, Task edit level: No access",
            After = "Web: Products view, Analytics, My tasks view & edit, Task edit level: No access · Mobile: My tasks view & edit, Task edit level: No access",
            Source = ChangeSource.Template,
        };
        Assert.Equal("from the Welder template", WhyOf(Anna(PermissionKey.Analytics), PermissionKey.Analytics, history: [entry]));
    }

    [Fact]
    public void KeyWithoutARow_FallsBackToTheCopyEntryThatGaveIt()
    {
        var entry = new AuditEntry
        {
            Action = AuditAction.PermissionsApplied, At = Earlier, ActorName = "Olivia Owner", What = "Copied from Boris Petrov (+1 / −0)",
            Before = "Web: Products view · Mobile: My tasks view & edit", After = "Web: Products view, Analytics · Mobile: My tasks view & edit",
            Source = ChangeSource.Copy,
        };
        Assert.Equal("copied from Boris Petrov", WhyOf(Anna(PermissionKey.Analytics), PermissionKey.Analytics, history: [entry]));
    }

    [Fact]
    public void KeyWithoutARow_FallsBackToTheToggleThatGaveIt_NotToOneOnTheOtherPlatform()
    {
        var mobile = new AuditEntry
        {
            Action = AuditAction.PermissionGranted, At = Now, ActorName = "Adam Admin", What = "Mobile access · Analytics",
            Before = "My tasks view & edit", After = "My tasks view & edit, Analytics",
        };
        var web = new AuditEntry
        {
            Action = AuditAction.PermissionGranted, At = Earlier, ActorName = "Olivia Owner", What = "Web access · Analytics",
            Before = "Products view", After = "Products view, Analytics",
        };
        Assert.Equal("granted by Olivia Owner on 3 Dec", WhyOf(Anna(PermissionKey.Analytics), PermissionKey.Analytics, history: [mobile, web]));
    }

    [Fact]
    public void AnAdministrator_GetsNoExplanations_TheyHoldEverything()
    {
        var admin = Anna(PermissionKey.Analytics);
        admin.IsAdmin = true;
        Assert.Null(GrantSources.Explain(admin, [Row(PermissionKey.Analytics, GrantSource.Toggle)], [], Now, TimeZoneInfo.Utc).Of(Platform.Web, PermissionKey.Analytics));
    }
}
