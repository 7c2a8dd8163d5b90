using System.Globalization;
using Hesh.Core.Preferences;
using Hesh.Web.Localization;
using Microsoft.AspNetCore.Localization;

#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;

public static class LocalizationExtensions
{
    /// <summary>Resx per component under Resources/ (the component's own path), English and Ukrainian; MudBlazor's strings too.</summary>
    public static IServiceCollection AddHeshLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddTransient<MudBlazor.MudLocalizer, HeshMudLocalizer>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Languages.Supported.Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture(Languages.English);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // A person's stored choice first; the query string is no way to switch (a link could switch someone's language).
            options.RequestCultureProviders =
            [
                new HeshRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>After authentication (the provider reads the signed-in person), before anything renders.</summary>
    public static WebApplication UseHeshLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }
}
