using System.Collections.Concurrent;
using System.Net;
using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Microsoft.AspNetCore.Components;

namespace Hesh.Web.Components.Pages.Users;

/// <summary>
/// The static parts of the Permissions tab's rows (labels, descriptions, icons) as markup built once per process: a
/// markup fragment is one render-tree frame where its elements and attributes would be a dozen, in every open tab's
/// render tree (kept twice, the current and the previous one). The strings are shared by all circuits.
/// </summary>
internal static class AccessMarkup
{
    private static readonly ConcurrentDictionary<(PermissionKey, string?, string), MarkupString> Captions = new();
    private static readonly ConcurrentDictionary<string, MarkupString> Texts = new();

    public static MarkupString RadioChecked { get; } = Svg(MudBlazor.Icons.Material.Filled.RadioButtonChecked, "mud-icon-root mud-svg-icon mud-icon-size-medium");
    public static MarkupString RadioUnchecked { get; } = Svg(MudBlazor.Icons.Material.Filled.RadioButtonUnchecked, "mud-icon-root mud-svg-icon mud-icon-size-medium");

    public static MarkupString TimerIcon { get; } = Svg(MudBlazor.Icons.Material.Outlined.MoreTime, "mud-icon-root mud-svg-icon mud-icon-size-small");

    /// <summary>MudText body1 beside a control.</summary>
    public static MarkupString Text(string text) =>
        Texts.GetOrAdd(text, t => new MarkupString($"<span class=\"mud-typography mud-typography-body1\">{WebUtility.HtmlEncode(t)}</span>"));

    /// <summary>The caption under a switch (one a language): what it allows, and why it is locked when that is not said above.</summary>
    public static MarkupString Caption(Permission permission, Refusal? shownLock) =>
        Captions.GetOrAdd((permission.Key, shownLock?.Message, System.Globalization.CultureInfo.CurrentUICulture.Name), key => new MarkupString(
            "<span class=\"mud-typography mud-typography-caption mud-text-secondary access-description\">" + WebUtility.HtmlEncode(Hesh.Core.Common.Localization.CoreTexts.Describe(permission))
            + (key.Item2 is { } reason
                ? "<span class=\"access-lock\"> · " + Svg(MudBlazor.Icons.Material.Outlined.Lock, "mud-icon-root mud-svg-icon mud-icon-size-medium", "font-size:14px;vertical-align:-2px") + " " + WebUtility.HtmlEncode(reason) + "</span>"
                : "")
            + "</span>"));

    private static MarkupString Svg(string paths, string classes, string? style = null) => new(
        $"<svg class=\"{classes}\"{(style is null ? "" : $" style=\"{style}\"")} focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{paths}</svg>");
}
