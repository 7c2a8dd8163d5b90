using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Hesh.Web.Localization;

/// <summary>
/// MudBlazor's own words (pager, data grid, date picker, table, dialogs) in Ukrainian, from
/// Resources/Localization/HeshMudLocalizer.uk.resx. MudBlazor keeps its built-in English for English, and for any key
/// missing here (ResourceNotFound) it falls back to that English too.
/// </summary>
public sealed class HeshMudLocalizer(IStringLocalizer<HeshMudLocalizer> localizer) : MudLocalizer
{
    public override LocalizedString this[string key] => localizer[key];

    public override LocalizedString this[string key, params object[] arguments] => localizer[key, arguments];
}
