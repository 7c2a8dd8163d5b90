using Hesh.Core.Common.Localization;
using Microsoft.Extensions.Localization;

namespace Hesh.Core.ApiKeys;

/// <summary>
/// The sentences of this feature folder, English as the key (Hesh.Core/Resources/ApiKeys/Messages.resx and .uk.resx).
/// Each feature folder has its own <c>Messages</c>; code in a sub-namespace finds the nearest one.
/// </summary>
public static class Messages
{
    private static IStringLocalizer Texts => CoreTexts.For(typeof(Messages));

    public static string Say(string english, params object?[] args) => Texts.Say(english, args);

    // The validation attributes' messages (ErrorMessageResourceType reads them at each validation, in the reader's language).
    public static string NameRequired => Messages.Say("Name is required.");
    public static string NameTooLong => Messages.Say("Name must be at most {1} characters.");
    public static string NameCharacters => Messages.Say("Name may contain letters, digits, spaces and ' . , & ( ) _ / : # - only.");
}
