namespace Hesh.Core.Common;

/// <summary>
/// A list's order: one field and a direction. The address spells it <c>sort=field</c> (ascending) or
/// <c>sort=-field</c> (descending), the field in kebab case (<c>last-sign-in</c>), so that a shared link restores it.
/// </summary>
public sealed record ListSort<TField>(TField Field, bool Descending = false) where TField : struct, Enum
{
    // Longer than any field name: a huge value is not even looked at.
    private const int MaxLength = 40;

    private static readonly IReadOnlyDictionary<string, TField> ByName =
        Enum.GetValues<TField>().ToDictionary(NameOf, f => f, StringComparer.OrdinalIgnoreCase);

    /// <summary>The order the address spells, or <paramref name="fallback"/> for anything else (never an error).</summary>
    /// <remarks>Only the declared names count: <see cref="Enum.TryParse{TEnum}(string?, out TEnum)"/> would also take "3" or "1,2".</remarks>
    public static ListSort<TField> Parse(string? text, ListSort<TField> fallback)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return fallback;
        }
        var descending = text[0] == '-';
        return ByName.TryGetValue(descending ? text[1..] : text, out var field) ? new(field, descending) : fallback;
    }

    /// <summary>How the address spells this order; null when it is <paramref name="fallback"/>, which needs no parameter.</summary>
    public string? ToQuery(ListSort<TField> fallback) => this == fallback ? null : (Descending ? "-" : "") + NameOf(Field);

    /// <summary>The next order after a click on <paramref name="field"/>'s header: the other direction, or ascending for a new field.</summary>
    public ListSort<TField> Toggle(TField field) => EqualityComparer<TField>.Default.Equals(field, Field) ? this with { Descending = !Descending } : new(field);

    /// <summary>LastSignIn → last-sign-in.</summary>
    public static string NameOf(TField field) =>
        string.Concat(field.ToString().Select((c, i) => char.IsUpper(c) ? (i == 0 ? "" : "-") + char.ToLowerInvariant(c) : c.ToString()));
}

/// <summary>Ascending or descending by one flag, so that a list's order is written once for both directions.</summary>
public static class OrderingByDirection
{
    public static IOrderedQueryable<T> OrderByDirection<T, TKey>(this IQueryable<T> source, System.Linq.Expressions.Expression<Func<T, TKey>> key, bool descending) =>
        descending ? source.OrderByDescending(key) : source.OrderBy(key);

    public static IOrderedQueryable<T> ThenByDirection<T, TKey>(this IOrderedQueryable<T> source, System.Linq.Expressions.Expression<Func<T, TKey>> key, bool descending) =>
        descending ? source.ThenByDescending(key) : source.ThenBy(key);

    /// <summary>
    /// An enum's place in its declaration (the workflow: pending before active), for ordering: statuses are stored as
    /// text, and ordering the text would put "Active" before "Pending" alphabetically.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<T, int>> RankOf<T, TEnum>(System.Linq.Expressions.Expression<Func<T, TEnum>> member)
        where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        System.Linq.Expressions.Expression body = System.Linq.Expressions.Expression.Constant(values.Length);
        for (var i = values.Length - 1; i >= 0; i--)
        {
            body = System.Linq.Expressions.Expression.Condition(
                System.Linq.Expressions.Expression.Equal(member.Body, System.Linq.Expressions.Expression.Constant(values[i])),
                System.Linq.Expressions.Expression.Constant(i), body);
        }
        return System.Linq.Expressions.Expression.Lambda<Func<T, int>>(body, member.Parameters);
    }
}
