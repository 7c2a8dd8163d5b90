namespace Hesh.Core.Productions;

/// <summary>
/// Whether an action is allowed now, decided in Core, with the reason when it is not: screens show a button only when
/// <see cref="Allowed"/>, and may show <see cref="Reason"/> beside a disabled one. The server checks again when it acts.
/// </summary>
public sealed record Permit(bool Allowed, string? Reason = null)
{
    public static Permit Yes { get; } = new(true);

    public static Permit No(string reason) => new(false, reason);

    /// <summary>Allowed unless <paramref name="refusal"/> names a reason.</summary>
    public static Permit Unless(string? refusal) => refusal is null ? Yes : No(refusal);

    /// <summary>This permit, once <paramref name="next"/> also holds: the first refusal wins.</summary>
    public Permit Then(Func<Permit> next) => Allowed ? next() : this;
}
