namespace Hesh.Web.Components.Shared;

/// <summary>Counts as screens say them.</summary>
public static class Wording
{
    public static string Users(int n) => n == 1 ? "1 user" : $"{n} users";
}
