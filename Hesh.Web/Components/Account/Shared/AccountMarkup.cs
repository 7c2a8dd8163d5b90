using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Hesh.Web.Components.Account.Shared;

/// <summary>
/// A sentence with emphasis in it ("You were invited to join <strong>{0}</strong> on Hesh."), kept whole in the resx so a
/// translation can move the emphasis with the words. The resx text is ours and trusted; every argument (a company
/// name, an email) is HTML-encoded before it goes in.
/// </summary>
public static class AccountMarkup
{
    public static MarkupString Html(this LocalizedString template, params object?[] args) =>
        new(args.Length == 0
            ? template.Value
            : string.Format(CultureInfo.CurrentCulture, template.Value,
                args.Select(a => (object)HtmlEncoder.Default.Encode(Convert.ToString(a, CultureInfo.CurrentCulture) ?? "")).ToArray()));
}
