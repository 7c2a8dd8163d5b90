using Hesh.Core.Preferences;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Hesh.Web.Live;

/// <summary>
/// The plain-text refusals of the live endpoints (Resources/Live/LiveRefusals.resx), in the language request
/// localisation resolved for the refused request — read from it, not from the thread, as a hub's connect step may run
/// where the request's culture never flowed. The too-many-tabs panel of App.razor shows the same words, which is how
/// live-refused.js recognises the refusal in either language.
/// </summary>
public sealed class LiveRefusals(IStringLocalizer<LiveRefusals> texts)
{
    /// <summary>"Too many open Hesh tabs — close some and reload." in the request's language (the current one without a request).</summary>
    public string TooManyTabs(HttpContext? http = null) => Say("Refusal.TooManyTabs", http);

    public string ForeignOrigin(HttpContext? http = null) => Say("Refusal.ForeignOrigin", http);

    private string Say(string key, HttpContext? http)
    {
        if (http?.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture is not { } culture)
        {
            return texts[key];
        }
        using (Languages.Speak(culture.Name))
        {
            return texts[key];
        }
    }
}
