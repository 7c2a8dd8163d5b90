namespace Hesh.Core.Common;

/// <summary>
/// The LIKE pattern of a "contains" search, lower-cased (searched columns are lower-cased too) with the wildcards
/// the user typed escaped by <see cref="Escape"/>, so "%" or "_" match themselves instead of everything.
/// </summary>
public static class SearchPattern
{
    public const string Escape = "\\";

    public static string Contains(string text) =>
        $"%{text.Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
}
