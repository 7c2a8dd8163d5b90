namespace Hesh.Core.Users.Passwords;

/// <summary>A password refused, with the code Identity carries and the sentence the person reads.</summary>
public sealed record PasswordRefusal(string Code, string Message);

public enum PasswordLevel { TooShort, Weak, Good, Strong }

/// <summary>What a strength meter shows; <see cref="Refusal"/> is set when saving it would be refused.</summary>
public sealed record PasswordStrength(PasswordLevel Level, PasswordRefusal? Refusal)
{
    public string Label => Level switch
    {
        PasswordLevel.TooShort => Messages.Say("Too short"),
        PasswordLevel.Weak => Messages.Say("Weak"),
        PasswordLevel.Good => Messages.Say("Good"),
        _ => Messages.Say("Strong"),
    };

    /// <summary>What to do next: the refusal when there is one, else how to get to the next level.</summary>
    public string? Hint => Refusal?.Message ?? Level switch
    {
        PasswordLevel.Weak => Messages.Say("Add another word or two."),
        PasswordLevel.Good => Messages.Say("{0} or more characters make it strong.", PasswordRules.RecommendedLength),
        _ => null,
    };
}

/// <summary>
/// The password policy of OWASP ASVS 5 (V6.2): length decides, composition does not. 8 to 128 characters, any
/// characters (spaces and any script included, nothing trimmed or truncated); refused when it is one of the most
/// common passwords (or one of them with digits and symbols around it or letters swapped for look-alikes), when it
/// contains the person's name, email or company name, or when zxcvbn estimates it falls within the first guesses.
/// Pure: the Identity validator and the strength meters ask the same rules.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 8;
    public const int RecommendedLength = 15;
    public const int MaxLength = 128;

    public static string Policy => Messages.Say("At least 8 characters — 15 or more recommended. A few unrelated words make a strong, memorable password.");

    public static PasswordRefusal TooShort => new("PasswordTooShort", Messages.Say("At least 8 characters — 15 or more recommended."));
    /// <summary>Also the input records' length message: one sentence whichever check meets it first.</summary>
    public static string TooLongMessage => Messages.Say("At most 128 characters.");
    public static PasswordRefusal TooLong => new("PasswordTooLong", TooLongMessage);
    public static PasswordRefusal Common => new("PasswordCommon",
        Messages.Say("This password is one of the most common ones, and attackers try those first. A few unrelated words make a stronger one."));
    public static PasswordRefusal Personal => new("PasswordPersonal", Messages.Say("Don't use your name, email or company name in your password."));
    public static PasswordRefusal Guessable => new("PasswordGuessable",
        Messages.Say("This password is too easy to guess. Avoid repeated characters, sequences such as 1234 or abcd, and keyboard rows such as qwerty."));

    // zxcvbn's own matchers are stateless between calls; one instance keeps its dictionaries loaded once.
    private static readonly Zxcvbn.Zxcvbn Estimator = new();

    /// <summary>Null when the password may be saved.</summary>
    public static PasswordRefusal? Check(string password, PasswordContext context) => Evaluate(password, context).Refusal;

    public static PasswordStrength Rate(string password, PasswordContext context)
    {
        var (refusal, score) = Evaluate(password, context);
        var level = refusal == TooShort ? PasswordLevel.TooShort
            : refusal is not null || score <= 2 ? PasswordLevel.Weak
            : score == 4 && password.Length >= RecommendedLength ? PasswordLevel.Strong
            : PasswordLevel.Good;
        return new PasswordStrength(level, refusal);
    }

    /// <summary>Whether the password, or its core without the digits and symbols around it, is on the common list.</summary>
    public static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        var core = lower.Trim(NotALetter(lower));
        return Variants(lower).Concat(core.Length >= 3 ? Variants(core) : []).Any(CommonPasswords.Contains);
    }

    public static bool IsPersonal(string password, PasswordContext context)
    {
        var words = context.Words();
        return words.Count > 0 && Variants(password.ToLowerInvariant()).Any(v => words.Any(w => v.Contains(w, StringComparison.Ordinal)));
    }

    private static (PasswordRefusal? Refusal, int Score) Evaluate(string password, PasswordContext context)
    {
        // Length first: nothing costly runs on a password that is refused anyway (or on a megabyte of one).
        if (password.Length < MinLength)
        {
            return (TooShort, 0);
        }
        if (password.Length > MaxLength)
        {
            return (TooLong, 0);
        }
        if (IsCommon(password))
        {
            return (Common, 0);
        }
        if (IsPersonal(password, context))
        {
            return (Personal, 0);
        }
        var score = Estimator.EvaluatePassword(password, context.ZxcvbnInputs()).Score;
        return (score == 0 ? Guessable : null, score);
    }

    /// <summary>The characters trimmed off both ends to find the core: everything that is not a letter.</summary>
    private static char[] NotALetter(string text) => text.Where(c => !char.IsLetter(c)).Distinct().ToArray();

    /// <summary>The text as typed and with look-alike characters read back as letters ("p@ssw0rd" is "password").</summary>
    private static IEnumerable<string> Variants(string lower)
    {
        yield return lower;
        if (lower.AsSpan().IndexOfAny(LookAlikes) < 0)
        {
            yield break;
        }
        yield return Unleet(lower, one: 'i');
        yield return Unleet(lower, one: 'l');
    }

    private const string LookAlikes = "@4310$57!";

    private static string Unleet(string text, char one) => string.Create(text.Length, (text, one), static (span, state) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = state.text[i] switch
            {
                '@' or '4' => 'a',
                '3' => 'e',
                '1' => state.one,
                '!' => 'i',
                '0' => 'o',
                '$' or '5' => 's',
                '7' => 't',
                var c => c,
            };
        }
    });
}
