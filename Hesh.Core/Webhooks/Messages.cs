using Hesh.Core.Common.Localization;
using Microsoft.Extensions.Localization;

namespace Hesh.Core.Webhooks;

/// <summary>
/// The sentences of this feature folder, English as the key (Hesh.Core/Resources/Webhooks/Messages.resx and .uk.resx).
/// Each feature folder has its own <c>Messages</c>; code in a sub-namespace finds the nearest one.
/// </summary>
public static class Messages
{
    private static IStringLocalizer Texts => CoreTexts.For(typeof(Messages));

    public static string Say(string english, params object?[] args) => Texts.Say(english, args);
}
