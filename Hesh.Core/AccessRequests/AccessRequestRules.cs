using System.Globalization;
using Hesh.Core.Common.Localization;
using Hesh.Core.Permissions;
using Hesh.Core.Preferences;
using Hesh.Core.Users;

namespace Hesh.Core.AccessRequests;

/// <summary>One of the durations a request may wish for (or an approval may give); null minutes: until switched off.</summary>
public sealed record RequestDuration(int? Minutes, string English)
{
    /// <summary>The duration in the reader's language; <see cref="English"/> goes into the audit log.</summary>
    public string Title => Messages.Say(English);

    public static RequestDuration OneHour { get; } = new(60, "1 hour");
    public static RequestDuration EightHours { get; } = new(8 * 60, "8 hours");
    public static RequestDuration OneDay { get; } = new(24 * 60, "1 day");
    public static RequestDuration OneWeek { get; } = new(7 * 24 * 60, "1 week");
    public static RequestDuration UntilSwitchedOff { get; } = new(null, "Until switched off");

    public static IReadOnlyList<RequestDuration> All { get; } = [OneHour, EightHours, OneDay, OneWeek, UntilSwitchedOff];

    public static RequestDuration? Of(int? minutes) => All.FirstOrDefault(d => d.Minutes == minutes);

    public static string TitleOf(int? minutes) => Of(minutes)?.Title ?? Messages.Say("{0} minutes", minutes);

    /// <summary>The duration as the audit log records it: English, written once.</summary>
    public static string EnglishOf(int? minutes) => Of(minutes)?.English ?? $"{minutes} minutes";
}

/// <summary>
/// Who may ask for what, and who may answer (issue 15 §2). Pure: inputs in, a refusal's message (or null) out. Whether
/// someone may answer is exactly whether they may switch the permission on for the requester — <see cref="GrantRules"/>
/// and <see cref="UserAccess.CanView"/> — so an approval never reaches further than a toggle would.
/// </summary>
public static class AccessRequestRules
{
    public static string RequesterInactive => Messages.Say("Only active users can request access.");
    public static string AdminHasEverything => Messages.Say("Administrators have every permission; there is nothing to request.");
    public static string AlwaysOn => Messages.Say("Everyone has this permission; there is nothing to request.");
    public static string BadDuration => Messages.Say("Choose one of the offered durations.");
    public static string BadLevel => Messages.Say("Choose a task edit level above No access.");
    public static string NotALevel => Messages.Say("Only the task edit level takes a level.");
    public static string NobodyCanGrant => Messages.Say("Nobody in your company can grant this permission. Ask an administrator.");
    public static string Expired => Messages.Say("This request expired unanswered; ask again if you still need it.");
    public static string Withdrawn => Messages.Say("This request was withdrawn.");
    public static string NotYours => Messages.Say("Only the person who asked can withdraw a request.");
    public static string CannotAnswer => Messages.Say("You may not answer this request: you could not grant this permission to this person.");

    public static string ReasonTooLong => Messages.Say("Keep the reason to {0} characters or fewer.", AccessRequest.ReasonMaxLength);

    /// <summary>Between a level's permission and the level asked for; the live notices read it back (LiveWords).</summary>
    public const string LevelSeparator = ": ";

    /// <summary>After what a request asks for on the mobile platform; the live notices read it back (LiveWords).</summary>
    public const string MobileSuffix = " (mobile)";

    /// <summary>What is asked for, in words: "Analytics", or "Task edit level: All departments".</summary>
    public static string What(PermissionKey key, TaskScope? level) =>
        level is { } scope && PermissionCatalog.Get(key).IsLevel ? $"{PermissionCatalog.Get(key).Title}{LevelSeparator}{scope.Title()}" : PermissionCatalog.Get(key).Title;

    /// <summary>"Analytics (mobile)" for a mobile permission; web ones go without the platform, as the pages are web.</summary>
    public static string WhatOn(Platform platform, PermissionKey key, TaskScope? level) =>
        platform == Platform.Web ? What(key, level) : $"{What(key, level)}{MobileSuffix}";

    /// <summary>
    /// <see cref="What"/> for a person to read, in their language: the bell, the Overview card, the request dialog. The
    /// English one stays for the audit's stored text and the live notices, which word it again for each receiver.
    /// </summary>
    public static string Named(PermissionKey key, TaskScope? level) =>
        level is { } scope && PermissionCatalog.Get(key).IsLevel
            ? Messages.Say("{0}: {1}", PermissionCatalog.Get(key).Name(), scope.Name())
            : PermissionCatalog.Get(key).Name();

    /// <summary><see cref="WhatOn"/> for a person to read, in their language.</summary>
    public static string NamedOn(Platform platform, PermissionKey key, TaskScope? level) =>
        platform == Platform.Web ? Named(key, level) : Messages.Say("{0} (mobile)", Named(key, level));

    /// <summary>Whether <paramref name="access"/> (effective) already covers the request.</summary>
    public static bool Holds(AccessSet access, PermissionKey key, TaskScope? level) =>
        PermissionCatalog.Get(key).IsLevel ? access.TaskScope >= (level ?? TaskScope.Department) : access.Has(key);

    /// <summary>The level a task edit level request asks for: the one named, or Department when none was.</summary>
    public static TaskScope? LevelOf(PermissionKey key, TaskScope? level) =>
        PermissionCatalog.Get(key).IsLevel ? level ?? TaskScope.Department : null;

    /// <summary>The rules of a new request, in the order a person would want to hear them.</summary>
    /// <param name="open">The requester's open request for the same permission, if any.</param>
    /// <param name="anyApprover">Whether some active user other than the requester may answer it.</param>
    /// <param name="zone">The requester's zone, the clock a refusal's day is told on.</param>
    public static string? CheckCreate(Actor requester, Platform platform, PermissionKey key, TaskScope? level, string? reason, int? wishedMinutes,
        AccessRequest? open, bool anyApprover, TimeZoneInfo zone)
    {
        var permission = PermissionCatalog.Get(key);
        if (requester.Status != UserStatus.Active)
        {
            return RequesterInactive;
        }
        if (requester.IsAdmin)
        {
            return AdminHasEverything;
        }
        if (permission.IsAlwaysOn(platform))
        {
            return AlwaysOn;
        }
        if (CheckInput(reason, wishedMinutes) is { } invalid)
        {
            return invalid;
        }
        if (level is not null && !permission.IsLevel)
        {
            return NotALevel;
        }
        if (permission.IsLevel && level is TaskScope.NoAccess)
        {
            return BadLevel;
        }
        if (Holds(requester.Access(platform), key, LevelOf(key, level)))
        {
            return Messages.Say("You already have {0}.", What(key, LevelOf(key, level)));
        }
        if (open is not null)
        {
            return Messages.Say("You asked for this on {0}; it is waiting for an answer.", Day(open.CreatedAt, zone));
        }
        return anyApprover ? null : NobodyCanGrant;
    }

    public static string? CheckInput(string? reason, int? minutes) =>
        reason is { Length: > AccessRequest.ReasonMaxLength } ? ReasonTooLong
        : RequestDuration.Of(minutes) is null ? BadDuration
        : null;

    /// <summary>
    /// May <paramref name="approver"/> answer a request of <paramref name="requester"/>: see them, and switch the
    /// permission (or level) on for them — admins, and holders of "Users permissions" who hold it themselves.
    /// </summary>
    public static bool CanAnswer(Actor approver, HeshUser requester, Platform platform, PermissionKey key, TaskScope? level) =>
        approver.Id != requester.Id && UserAccess.CanView(approver, requester) && GrantRefusal(approver, requester, platform, key, level) is null;

    /// <summary>Whether the actor could ever answer a request: the bell is hidden from everyone else.</summary>
    public static bool MayAnswerAny(Actor actor) => actor.Status == UserStatus.Active && (actor.IsAdmin || actor.Has(PermissionKey.UsersPermissions));

    /// <summary>The toggle's own rule, for a request: what a switch on the Permissions tab would say.</summary>
    public static Refusal? GrantRefusal(Actor approver, HeshUser requester, Platform platform, PermissionKey key, TaskScope? level) =>
        PermissionCatalog.Get(key).IsLevel
            ? GrantRules.CheckTaskScope(approver, Member.Of(requester), platform, LevelOf(key, level)!.Value)
            : GrantRules.CheckToggle(approver, Member.Of(requester), platform, key, true);

    /// <summary>
    /// Refused when the request was answered already, withdrawn or expired at <paramref name="now"/>; when it was
    /// answered is told on the reader's clock (<paramref name="zone"/>), the zone named.
    /// </summary>
    public static string? CheckStillOpen(AccessRequest request, DateTime now, TimeZoneInfo zone) => request.Status switch
    {
        AccessRequestStatus.Approved => Messages.Say("This request was already approved by {0} at {1}.", request.DecidedByName, Moment(request.DecidedAt, now, zone)),
        AccessRequestStatus.Declined => Messages.Say("This request was already declined by {0} at {1}.", request.DecidedByName, Moment(request.DecidedAt, now, zone)),
        AccessRequestStatus.Expired => Expired,
        AccessRequestStatus.Withdrawn => Withdrawn,
        _ when now >= request.ExpiresAt => Expired,
        _ => null,
    };

    /// <summary>Approving: still open, the requester active, the approver within their reach, a duration offered.</summary>
    public static string? CheckApprove(AccessRequest request, Actor approver, HeshUser requester, DateTime now, TimeZoneInfo zone, int? minutes) =>
        CheckStillOpen(request, now, zone)
        ?? (requester.Status != UserStatus.Active ? Messages.Say("{0} is no longer active; the request cannot be approved.", requester.FullName) : null)
        ?? CheckAnswerer(request, approver, requester)
        ?? (RequestDuration.Of(minutes) is null ? BadDuration : null);

    public static string? CheckDecline(AccessRequest request, Actor approver, HeshUser requester, DateTime now, TimeZoneInfo zone, string? reason) =>
        CheckStillOpen(request, now, zone)
        ?? CheckAnswerer(request, approver, requester)
        ?? (reason is { Length: > AccessRequest.ReasonMaxLength } ? ReasonTooLong : null);

    public static string? CheckWithdraw(AccessRequest request, string actorId, DateTime now, TimeZoneInfo zone) =>
        request.UserId != actorId ? NotYours : CheckStillOpen(request, now, zone);

    private static string? CheckAnswerer(AccessRequest request, Actor approver, HeshUser requester)
    {
        if (approver.Status != UserStatus.Active || approver.Id == requester.Id || !UserAccess.CanView(approver, requester))
        {
            return CannotAnswer;
        }
        return GrantRefusal(approver, requester, request.Platform, request.Key, request.Level) is { } refusal
            ? Messages.Say("You may not approve this request: {0}", refusal.Message)
            : null;
    }

    /// <summary>When a request's approval of <paramref name="minutes"/> ends; null for "until switched off".</summary>
    public static DateTime? EndOf(DateTime now, int? minutes) => minutes is { } m ? now.AddMinutes(m) : null;

    private static string Day(DateTime at, TimeZoneInfo zone) => ZonedTime.ToLocal(at, zone).ToString("d MMM", CultureInfo.CurrentCulture);

    /// <summary>"14:02 Kyiv (UTC+2)" on the reader's today, "3 Dec 14:02 Kyiv (UTC+2)" on another day.</summary>
    private static string Moment(DateTime? at, DateTime now, TimeZoneInfo zone)
    {
        if (at is not { } t)
        {
            return Messages.Say("an earlier moment");
        }
        var local = ZonedTime.ToLocal(t, zone);
        var time = local.Date == ZonedTime.ToLocal(now, zone).Date
            ? local.ToString("HH:mm", CultureInfo.InvariantCulture) : local.ToString("d MMM HH:mm", CultureInfo.CurrentCulture);
        return $"{time} {ZonedTime.ShortName(zone, t)}";
    }
}
