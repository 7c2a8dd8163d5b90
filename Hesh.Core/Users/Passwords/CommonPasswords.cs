namespace Hesh.Core.Users.Passwords;

/// <summary>
/// The 30,000 most common passwords, ranked from leaked-password corpora: Dropbox zxcvbn's list (MIT licence) as the
/// zxcvbn-core 1.1.17 port embeds it, read from that package's own resource. Offline: nothing leaves the machine.
/// </summary>
public static class CommonPasswords
{
    // zxcvbn-core 1.1.17 embeds its lists under this name; a package update that moves it fails the count test.
    private const string ResourceName = "zxcvbn-core.Dictionaries.passwords.lst";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    /// <param name="lowerCase">Compared as is: the list is lower-case.</param>
    public static bool Contains(string lowerCase) => List.Value.Contains(lowerCase);

    private static HashSet<string> Load()
    {
        using var stream = typeof(Zxcvbn.Zxcvbn).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The common-password list {ResourceName} is missing from zxcvbn-core.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim() is { Length: > 0 } word)
            {
                words.Add(word.ToLowerInvariant());
            }
        }
        return words;
    }
}
