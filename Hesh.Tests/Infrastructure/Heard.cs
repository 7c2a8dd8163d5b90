using Hesh.Core.Common;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Infrastructure;

public static class Heard
{
    /// <summary>What reached <paramref name="userId"/>'s open tabs while <paramref name="act"/> ran, once the bus was idle.</summary>
    public static async Task<List<AccessChanged>> HeardByAsync(this AppHost host, string userId, Func<Task> act)
    {
        var notifier = host.Services.GetRequiredService<AccessNotifier>();
        var heard = new List<AccessChanged>();
        using (notifier.Subscribe(userId, c => { lock (heard) { heard.Add(c); } return Task.CompletedTask; }))
        {
            await act();
            await notifier.IdleAsync();
        }
        return heard;
    }
}
