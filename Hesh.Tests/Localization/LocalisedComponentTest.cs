using System.Globalization;
using Hesh.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Hesh.Tests.Localization;

/// <summary>
/// A component test that renders in a chosen culture with the real resx, recording every lookup that found nothing
/// (<see cref="Lookups"/>); the thread's cultures are put back afterwards.
/// </summary>
public abstract class LocalisedComponentTest : HeshComponentTest
{
    private readonly CultureInfo _before = CultureInfo.CurrentUICulture;
    private readonly CultureInfo _beforeFormat = CultureInfo.CurrentCulture;

    protected LocalisedComponentTest() => Services.AddSingleton<IStringLocalizerFactory>(Lookups);

    internal RecordingLocalizers Lookups { get; } = new();

    protected static void Speak(string language)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(language);
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentUICulture = _before;
        CultureInfo.CurrentCulture = _beforeFormat;
        base.Dispose(disposing);
    }
}
