using Hesh.Web.Components;

var builder = WebApplication.CreateBuilder(args);

builder.AddHeshLogging();
builder.Services.AddHeshCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddHeshIdentity();
builder.Services.AddHeshAuthorization();
builder.Services.AddHeshWeb();
builder.Services.AddHeshLive(builder.Configuration);

var app = builder.Build();

app.UseHeshPipeline();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapHeshAccountEndpoints();
app.MapHeshLive();

await app.PrepareDatabaseAsync();
app.Run();
