namespace Hesh.Core.Grants;

/// <summary>
/// Something that ends by itself at a stored time — a temporary grant, an unanswered access request. One background
/// loop on every node runs each registered piece on a short period; what is due is read from the store, so a restart
/// loses nothing, and each piece must be safe when two nodes run it at once (a conditional update, a concurrency token).
/// </summary>
public interface IExpiringWork
{
    /// <summary>Ends what is due at <paramref name="now"/>; how many things it ended.</summary>
    Task<int> RunDueAsync(DateTime now, CancellationToken ct = default);
}
