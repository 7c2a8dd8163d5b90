namespace Hesh.Core.Users.Passwords;

/// <summary>
/// What an attacker knows about the account before guessing: the person's names, email and company. A password
/// built on any of them falls to the first guesses.
/// </summary>
public sealed record PasswordContext(string? FirstName, string? LastName, string? Email, string? CompanyName)
{
    public static PasswordContext None { get; } = new(null, null, null, null);

    public static PasswordContext Of(HeshUser user, string? companyName) => new(user.FirstName, user.LastName, user.Email, companyName);

    /// <summary>Shorter name parts would forbid too much: "Li" would refuse "slide".</summary>
    public const int MinWordLength = 3;

    // Legal forms say nothing about the company: "Acme Ltd" must not forbid "ltd" in every password.
    private static readonly HashSet<string> CompanyNoise = ["the", "and", "inc", "ltd", "llc", "plc", "gmbh", "corp", "company", "group"];

    /// <summary>The lower-cased words a password must not contain: name parts, the email's local part and its parts, company name parts.</summary>
    public IReadOnlyList<string> Words()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        AddParts(words, FirstName);
        AddParts(words, LastName);
        if (LocalPart(Email) is { } local)
        {
            Add(words, local);
            AddParts(words, local);
        }
        foreach (var part in Parts(CompanyName).Where(p => !CompanyNoise.Contains(p)))
        {
            Add(words, part);
        }
        return [.. words];
    }

    /// <summary>Everything, whole and in parts, for zxcvbn's user dictionary, plus the product's own name.</summary>
    public IEnumerable<string> ZxcvbnInputs() =>
        Words().Concat(new[] { FirstName, LastName, Email, CompanyName }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim().ToLowerInvariant()))
            .Append("hesh");

    private static string? LocalPart(string? email) =>
        email?.Trim() is { Length: > 0 } e ? (e.IndexOf('@') is var at and > 0 ? e[..at] : e).ToLowerInvariant() : null;

    private static void AddParts(HashSet<string> words, string? text)
    {
        foreach (var part in Parts(text))
        {
            Add(words, part);
        }
    }

    private static void Add(HashSet<string> words, string word)
    {
        if (word.Length >= MinWordLength)
        {
            words.Add(word);
        }
    }

    private static IEnumerable<string> Parts(string? text) =>
        (text ?? "").ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries);

    private static readonly char[] Separators = [' ', '.', '-', '_', '+', '\'', '’', ',', '&', '(', ')', '@', '/'];
}
