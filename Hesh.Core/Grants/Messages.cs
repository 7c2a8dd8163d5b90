using Hesh.Core.Common.Localization;
using Microsoft.Extensions.Localization;

namespace Hesh.Core.Grants;

/// <summary>
/// The sentences of this feature folder, English as the key (Hesh.Core/Resources/Grants/Messages.resx and .uk.resx).
/// Internal, so that code outside Core that imports this namespace never meets two <c>Messages</c>.
/// </summary>
internal static class Messages
{
    private static IStringLocalizer Texts => CoreTexts.For(typeof(Messages));

    public static string Say(string english, params object?[] args) => Texts.Say(english, args);
}
