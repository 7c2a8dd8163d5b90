using Hesh.Core.Common.Localization;
using Microsoft.Extensions.Localization;

namespace Hesh.Core.Productions;

/// <summary>
/// The sentences of this feature folder, English as the key (Hesh.Core/Resources/Productions/Messages.resx and .uk.resx).
/// Each feature folder has its own <c>Messages</c>; code in a sub-namespace finds the nearest one.
/// </summary>
public static class Messages
{
    private static IStringLocalizer Texts => CoreTexts.For(typeof(Messages));

    public static string Say(string english, params object?[] args) => Texts.Say(english, args);

    // The validation attributes' messages (ErrorMessageResourceType reads them at each validation, in the reader's language).
    public static string ChooseAProduct => Messages.Say("Choose a product.");
    public static string QuantityOutOfRange => Messages.Say("Quantity must be between 1 and 100,000.");
    public static string ClientTooLong => Messages.Say("Client must be at most {1} characters.");
    public static string ClientAngleBrackets => Messages.Say("Client may not contain < or >.");
}
