using Hesh.Web.Components;
using Hesh.Web.Components.Account;
using Hesh.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddHeshLogging();
builder.Services.AddHeshCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddHeshIdentity();
builder.Services.AddHeshSignInHistory();
builder.Services.AddHeshAuthorization();
builder.Services.AddHeshWeb();
builder.Services.AddHeshLocalization();
builder.Services.AddHeshLive(builder.Configuration);
builder.Services.AddHeshHardening(builder.Configuration);
builder.Services.AddHeshWebhooks();
builder.Services.AddHeshPublicApi(builder.Configuration);
builder.Services.AddHeshTelemetry(builder.Configuration);
builder.Services.AddHeshExpiry(builder.Configuration);
builder.Services.AddHeshZones();

var app = builder.Build();

app.UseHeshSecurityHeaders();
app.UseHeshPipeline();
app.UseHeshLocalization();
app.UseHeshPasswordChangeGate();
app.UseHeshLiveGuards();
app.MapStaticAssets();
// Our security headers already forbid framing (frame-ancestors 'none'); Blazor's own, laxer policy would be a second header.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
app.MapHeshAccountEndpoints();
app.MapHeshLive();
app.MapHeshHealth();
app.MapHeshTelemetry();
app.MapHeshExports();
app.MapHeshIdentityImages();
app.MapHeshPublicApi();

await app.PrepareDatabaseAsync();
app.Run();
