using Hesh.Core.Companies;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Bench;

/// <summary>
/// `--burst &lt;database file&gt;`: the whole Hesh.Web host on that SQLite file, making permission changes as fast as the
/// Permissions tab's service allows, and writing one line per committed change — the fault test kills this process
/// with SIGKILL mid-burst and checks that every change it saw acknowledged survived. Stops by itself after 10,000.
/// </summary>
public static class BurstHarness
{
    public static async Task RunAsync(string databaseFile)
    {
        await using var host = new BenchHost(new Dictionary<string, string> { ["ConnectionStrings:Hesh"] = $"Data Source={databaseFile}" });
        await host.StartAsync();
        var (ownerId, userId) = await host.WithScope(async s =>
        {
            var owner = (await s.GetRequiredService<SignUpService>().SignUpAsync(new SignUpInput
            {
                CompanyName = "Burst Works", FirstName = "Burst", LastName = "Owner", Email = "owner@burst.hesh",
                Password = "Quick-spike-pass-1", ConfirmPassword = "Quick-spike-pass-1",
            })).Value!;
            var user = new HeshUser { UserName = "target@burst.hesh", Email = "target@burst.hesh", CompanyId = owner.CompanyId, FirstName = "Tara", LastName = "Target", Status = UserStatus.Active };
            await s.GetRequiredService<UserManager<HeshUser>>().CreateAsync(user, "Quick-spike-pass-1");
            return (owner.Id, user.Id);
        });
        var output = Console.Out;
        await output.WriteLineAsync($"ready {userId}");
        await output.FlushAsync();
        var sheet = await host.WithScope(s => s.GetRequiredService<UserPermissionService>().GetAsync(ownerId, userId));
        var keys = sheet!.Web.Toggles.Where(t => t.Lock is null && t.Permission.Key != PermissionKey.TaskEditLevel).Select(t => t.Permission.Key).ToArray();
        var version = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var key = keys[i % keys.Length];
            var on = i / keys.Length % 2 == 0;
            var result = await host.WithScope(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(ownerId, userId, Platform.Web, key, on, version));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Error);
            }
            version = result.Value!.Version;
            // Written only after the commit returned: an acknowledged change is one the database said it holds.
            await output.WriteLineAsync($"committed {version}");
            await output.FlushAsync();
        }
    }
}
