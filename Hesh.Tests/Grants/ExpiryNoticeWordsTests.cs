using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Common.Localization;
using Hesh.Core.Grants;
using Hesh.Core.Permissions;
using Hesh.Core.Preferences;

namespace Hesh.Tests.Grants;

/// <summary>
/// The notice of temporary access that ran out names each permission as a value of its own, one sentence per shape of
/// the list (one, two, three, more), so its reader gets the list in their language; the English stays as it read, and
/// <see cref="GrantExpiry.WhatEnded"/> gives a sentence of one's own just the list.
/// </summary>
public sealed class ExpiryNoticeWordsTests
{
    private static AccessChanged Ended(params PermissionKey[] keys) =>
        new AuditEntry { CompanyId = Guid.NewGuid(), ActorId = GrantExpiry.ActorRef, ActorName = GrantExpiry.ActorName, SubjectId = "anna" }
            .Announce(AccessChangeKind.Permissions, GrantExpiry.Ended([.. keys.Select(k => PermissionCatalog.Get(k).Title)]))
            .Announcements.Single();

    private static string In(string language, Func<string> words)
    {
        using (Languages.Speak(language))
        {
            return words();
        }
    }

    private static string Uk(PermissionKey key) => In(Languages.Ukrainian, () => PermissionCatalog.Get(key).Name());

    [Fact]
    public void OnePermissionsEnd_IsWordedInUkrainian()
    {
        var change = Ended(PermissionKey.Analytics);

        Assert.Equal("Your temporary access to Analytics ended", change.Summary);
        Assert.Equal($"ваш тимчасовий доступ до «{Uk(PermissionKey.Analytics)}» завершився", In("uk", () => change.Words()));
        Assert.Equal(Uk(PermissionKey.Analytics), In("uk", () => GrantExpiry.WhatEnded(change)));
        Assert.Equal("Analytics", In("en", () => GrantExpiry.WhatEnded(change)));
    }

    [Fact]
    public void TwoPermissionsEnd_IsWordedInUkrainian_AsAPairNotAnEnglishList()
    {
        var change = Ended(PermissionKey.Analytics, PermissionKey.TasksView);

        Assert.Equal("Your temporary access to Analytics and Tasks view ended", change.Summary);
        Assert.Equal($"ваш тимчасовий доступ до «{Uk(PermissionKey.Analytics)}» і «{Uk(PermissionKey.TasksView)}» завершився", In("uk", () => change.Words()));
        Assert.Equal($"{Uk(PermissionKey.Analytics)} і {Uk(PermissionKey.TasksView)}", In("uk", () => GrantExpiry.WhatEnded(change)));
        Assert.Equal("Analytics and Tasks view", In("en", () => GrantExpiry.WhatEnded(change)));
    }

    [Fact]
    public void ThreePermissionsEnd_IsWordedInUkrainian_NamingEach()
    {
        var change = Ended(PermissionKey.Analytics, PermissionKey.TasksView, PermissionKey.ProductsView);

        Assert.Equal("Your temporary access to Analytics, Tasks view and Products view ended", change.Summary);
        Assert.Equal($"ваш тимчасовий доступ до «{Uk(PermissionKey.Analytics)}», «{Uk(PermissionKey.TasksView)}» і «{Uk(PermissionKey.ProductsView)}» завершився",
            In("uk", () => change.Words()));
        Assert.Equal($"{Uk(PermissionKey.Analytics)}, {Uk(PermissionKey.TasksView)} і {Uk(PermissionKey.ProductsView)}", In("uk", () => GrantExpiry.WhatEnded(change)));
    }

    [Fact]
    public void MoreThanThreePermissionsEnd_IsWordedInUkrainian_NamingTwoAndCountingTheRest()
    {
        var change = Ended(PermissionKey.Analytics, PermissionKey.TasksView, PermissionKey.ProductsView, PermissionKey.ProductionsView, PermissionKey.CompanyProfile);

        Assert.Equal("Your temporary access to Analytics, Tasks view and 3 more ended", change.Summary);
        Assert.Equal($"ваш тимчасовий доступ завершився: «{Uk(PermissionKey.Analytics)}», «{Uk(PermissionKey.TasksView)}» і ще 3", In("uk", () => change.Words()));
        Assert.Equal($"{Uk(PermissionKey.Analytics)}, {Uk(PermissionKey.TasksView)} і ще 3", In("uk", () => GrantExpiry.WhatEnded(change)));
        Assert.Equal("Analytics, Tasks view and 3 more", In("en", () => GrantExpiry.WhatEnded(change)));
    }

    [Fact]
    public void WhatEnded_OfANoticeThatIsNoExpiry_IsTheWholeNoticeInTheReadersLanguage()
    {
        var change = new AuditEntry { CompanyId = Guid.NewGuid(), ActorId = "admin", ActorName = "Tom", SubjectId = "anna" }
            .Announce(AccessChangeKind.Permissions, $"Your temporary access to {"Analytics"} was ended early").Announcements.Single();

        Assert.Equal($"ваш тимчасовий доступ до «{Uk(PermissionKey.Analytics)}» завершено достроково", In("uk", () => GrantExpiry.WhatEnded(change)));
    }
}
