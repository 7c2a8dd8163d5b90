using Hesh.Core.Common.Localization;
using Microsoft.Extensions.Localization;

namespace Hesh.Core.SignIns;

/// <summary>
/// The sentences of this feature folder, English as the key (Hesh.Core/Resources/SignIns/Messages.resx and .uk.resx).
/// Each feature folder has its own <c>Messages</c>; code in a sub-namespace finds the nearest one.
/// </summary>
public static class Messages
{
    private static IStringLocalizer Texts => CoreTexts.For(typeof(Messages));

    public static string Say(string english, params object?[] args) => Texts.Say(english, args);

    /// <summary>A count with its noun in the reader's language (<see cref="CoreTexts.Count"/>).</summary>
    public static string Count(long n, string one, string other) => Texts.Count(n, one, other);
}
