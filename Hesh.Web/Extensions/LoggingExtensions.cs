using Serilog;

#pragma warning disable IDE0130
namespace Microsoft.Extensions.Hosting;

public static class LoggingExtensions
{
    /// <summary>Serilog for every log: console and a rolling file, levels from configuration ("Serilog" section).</summary>
    public static WebApplicationBuilder AddHeshLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());
        return builder;
    }
}
