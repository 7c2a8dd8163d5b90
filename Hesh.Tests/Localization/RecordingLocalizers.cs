using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hesh.Tests.Localization;

/// <summary>
/// The real resx localizers, noting every lookup that found no resource: a component test registers it and asserts
/// <see cref="Missing"/> is empty, so a screen never shows a bare key in either language.
/// </summary>
internal sealed class RecordingLocalizers : IStringLocalizerFactory
{
    private readonly ResourceManagerStringLocalizerFactory _inner =
        new(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);

    public ConcurrentBag<string> Missing { get; } = [];

    public IStringLocalizer Create(Type resourceSource) => new Noting(_inner.Create(resourceSource), Missing, resourceSource.Name);

    public IStringLocalizer Create(string baseName, string location) => new Noting(_inner.Create(baseName, location), Missing, baseName);

    private sealed class Noting(IStringLocalizer inner, ConcurrentBag<string> missing, string source) : IStringLocalizer
    {
        public LocalizedString this[string name] => Note(inner[name]);

        public LocalizedString this[string name, params object[] arguments] => Note(inner[name, arguments]);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

        private LocalizedString Note(LocalizedString found)
        {
            // MudBlazor asks its localizer for every key it has; a key we do not translate falls back to its English.
            // A plural lookup tries the language's own category first and falls back to "_other" by design.
            if (found.ResourceNotFound && source != nameof(Hesh.Web.Localization.HeshMudLocalizer) && !IsPluralProbe(found.Name))
            {
                missing.Add($"{source}: {found.Name} ({CultureInfo.CurrentUICulture.Name})");
            }
            return found;
        }

        private static bool IsPluralProbe(string name) =>
            name.EndsWith("_few", StringComparison.Ordinal) || name.EndsWith("_many", StringComparison.Ordinal);
    }
}
