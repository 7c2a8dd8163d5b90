using System.Globalization;
using System.Text;

namespace Hesh.Core.Companies;

/// <summary>
/// The key abbreviation a new company starts with, taken from its own name: a workshop called "Acme Forge" numbers its
/// productions AF-1, not HS-1. The result always passes the profile's rule (2 to 5 capital letters A–Z).
/// </summary>
public static class KeyAbbreviations
{
    /// <summary>What a name with no usable letter (only digits or symbols) gets.</summary>
    public const string Fallback = "HS";

    public const int MaxLength = 3;

    // Legal forms say nothing about the company: "Acme Forge Ltd" is AF, not AFL. Dropped only when other words remain.
    private static readonly HashSet<string> LegalForms = ["LTD", "LLC", "INC", "CO", "CORP", "GMBH", "AG", "SA", "SRO", "PLC", "THE", "AND", "OF", "TOV", "PP"];

    // Ukrainian is Hesh's second language: a Cyrillic name gives the letters it is spelled with in Latin script.
    private static readonly Dictionary<char, string> Cyrillic = new()
    {
        ['А'] = "A", ['Б'] = "B", ['В'] = "V", ['Г'] = "H", ['Ґ'] = "G", ['Д'] = "D", ['Е'] = "E", ['Є'] = "YE", ['Ж'] = "ZH",
        ['З'] = "Z", ['И'] = "Y", ['І'] = "I", ['Ї'] = "YI", ['Й'] = "Y", ['К'] = "K", ['Л'] = "L", ['М'] = "M", ['Н'] = "N",
        ['О'] = "O", ['П'] = "P", ['Р'] = "R", ['С'] = "S", ['Т'] = "T", ['У'] = "U", ['Ф'] = "F", ['Х'] = "KH", ['Ц'] = "TS",
        ['Ч'] = "CH", ['Ш'] = "SH", ['Щ'] = "SHCH", ['Ю'] = "YU", ['Я'] = "YA", ['Ы'] = "Y", ['Э'] = "E", ['Ё'] = "YO",
    };

    /// <summary>"Acme Forge" → "AF", "Acme Metal Works" → "AMW", one word "Forge" → "FO", "Škoda" → "SK".</summary>
    public static string FromName(string? companyName)
    {
        var words = Words(companyName ?? "");
        var meaningful = words.Where(w => !LegalForms.Contains(w)).ToList();
        if (meaningful.Count > 0)
        {
            words = meaningful;
        }
        var letters = words.Count switch
        {
            0 => "",
            1 => words[0][..Math.Min(2, words[0].Length)],
            _ => string.Concat(words.Take(MaxLength).Select(w => w[0])),
        };
        // A one-letter word alone ("X") still needs two letters.
        return letters.Length >= 2 ? letters : letters.Length == 1 ? letters + letters : Fallback;
    }

    /// <summary>The name's words, each reduced to its Latin capital letters (accents dropped, Cyrillic spelled out).</summary>
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var upper = char.ToUpperInvariant(c);
            if (upper is >= 'A' and <= 'Z')
            {
                current.Append(upper);
            }
            else if (Cyrillic.TryGetValue(upper, out var latin))
            {
                current.Append(latin);
            }
            else if (char.IsLetter(c) || c == '\'' || c == '’')
            {
                // A letter of another script, or an apostrophe inside a word, keeps the word whole without adding to it.
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }
        return words;
    }
}
