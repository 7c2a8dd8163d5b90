using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Hesh.Core.AccessRequests;
using Hesh.Core.Common.Localization;
using Hesh.Core.Permissions;
using Microsoft.Extensions.Localization;

namespace Hesh.Core.Common;

/// <summary>
/// What an announcement says, kept as its English sentence (<see cref="AccessChanged.Summary"/>, for logs, the mobile
/// contract and tests) and as its shape — the English format with {0}, {1}… and the values put in them — so that each
/// receiver words it in their own language, not the publisher's. An interpolated string passed to
/// <see cref="Hesh.Core.Audit.AuditEntry.Announce"/> keeps its shape on its own; a plain string is its own format.
/// </summary>
[InterpolatedStringHandler]
public struct LiveSummary
{
    private readonly StringBuilder _english;
    private readonly StringBuilder _format;
    private readonly List<string> _arguments;

    public LiveSummary(int literalLength, int formattedCount)
    {
        _english = new StringBuilder(literalLength + formattedCount * 8);
        _format = new StringBuilder(literalLength + formattedCount * 3);
        _arguments = new List<string>(formattedCount);
    }

    public void AppendLiteral(string text)
    {
        _english.Append(text);
        _format.Append(text.Replace("{", "{{").Replace("}", "}}"));
    }

    public void AppendFormatted<T>(T value) => AppendFormatted(value, null);

    public void AppendFormatted<T>(T value, string? format)
    {
        var text = value is IFormattable formattable ? formattable.ToString(format, CultureInfo.InvariantCulture) : value?.ToString() ?? "";
        _english.Append(text);
        _format.Append('{').Append(_arguments.Count).Append('}');
        _arguments.Add(text);
    }

    public void AppendFormatted(string? value) => AppendFormatted<string?>(value, null);

    public static implicit operator LiveSummary(string text)
    {
        var summary = new LiveSummary(text.Length, 0);
        summary.AppendLiteral(text);
        return summary;
    }

    /// <summary>The English sentence, as it always read.</summary>
    public readonly string English => _english?.ToString() ?? "";

    /// <summary>The English format, or null when the sentence has no values (it is then its own key).</summary>
    public readonly string? Format => _arguments is { Count: > 0 } ? _format.ToString() : null;

    public readonly string[]? Arguments => _arguments is { Count: > 0 } ? [.. _arguments] : null;
}

/// <summary>An announcement worded for whoever reads it, in the current UI culture (the receiving circuit's).</summary>
public static class LiveWords
{
    private static IStringLocalizer Texts => Hesh.Core.Email.FeatureTexts.Of("Live");

    /// <summary>
    /// The change's summary in the reader's language: its format from Hesh.Core/Resources/Live/Messages.resx, with
    /// each value that is a word Hesh knows (a permission, what a request asks for, a platform, a level, "on") in that
    /// language too, and each time on the reader's clock, in <paramref name="zone"/> (UTC when none is given). A
    /// sentence the resources do not have reads as it was said, in English.
    /// </summary>
    public static string Words(this AccessChanged change, TimeZoneInfo? zone = null)
    {
        if (change.Format is not { } format || change.Arguments is not { } arguments)
        {
            return Texts.Say(change.Summary);
        }
        var found = Texts[format];
        if (found.ResourceNotFound)
        {
            return change.Summary;
        }
        try
        {
            return string.Format(CultureInfo.CurrentCulture, found.Value, [.. arguments.Select(a => Word(a, zone))]);
        }
        catch (FormatException)
        {
            return change.Summary;
        }
    }

    /// <summary>
    /// A value of a summary in the reader's language when it is one of Hesh's own words, or a time (then in
    /// <paramref name="zone"/>); a name stays as it is.
    /// </summary>
    public static string Word(string value, TimeZoneInfo? zone = null)
    {
        if (LiveTimes.TryRead(value, out var utc))
        {
            return LiveTimes.Read(utc, zone ?? TimeZoneInfo.Utc);
        }
        if (Asked(value) is { } asked)
        {
            return asked;
        }
        foreach (var platform in Enum.GetValues<Platform>())
        {
            if (value == platform.Title().ToLowerInvariant())
            {
                return Texts.Say(value);
            }
        }
        foreach (var scope in Enum.GetValues<TaskScope>())
        {
            if (value == scope.Title())
            {
                return scope.Name();
            }
        }
        foreach (var scope in Enum.GetValues<UserScope>())
        {
            if (value == scope.Title())
            {
                return scope.Name();
            }
        }
        var word = Texts[value];
        return word.ResourceNotFound ? value : word.Value;
    }

    /// <summary>
    /// What a request asks for (<see cref="AccessRequestRules.WhatOn"/>): "Analytics",
    /// "Task edit level: All departments", either with " (mobile)" — or null when the value is none of those (a
    /// person's name that merely ends the same way stays a name).
    /// </summary>
    private static string? Asked(string value)
    {
        var mobile = AccessRequestRules.MobileSuffix;
        if (value.EndsWith(mobile, StringComparison.Ordinal))
        {
            return Asked(value[..^mobile.Length]) is { } onWeb ? Texts.Say("{0} (mobile)", onWeb) : null;
        }
        if (PermissionCatalog.All.FirstOrDefault(p => p.Title == value) is { } permission)
        {
            return permission.Name();
        }
        var colon = value.IndexOf(AccessRequestRules.LevelSeparator, StringComparison.Ordinal);
        if (colon > 0 && PermissionCatalog.All.FirstOrDefault(p => p.IsLevel && p.Title == value[..colon]) is { } level)
        {
            var named = value[(colon + AccessRequestRules.LevelSeparator.Length)..];
            foreach (var scope in Enum.GetValues<TaskScope>())
            {
                if (named == scope.Title())
                {
                    return $"{level.Name()}{AccessRequestRules.LevelSeparator}{scope.Name()}";
                }
            }
        }
        return null;
    }
}
