namespace Hesh.Core.Common;

/// <summary>
/// The outcome of a command. A refused command carries a message the UI shows as is, and per-field
/// messages for forms; a refused command has changed nothing.
/// </summary>
public record Result
{
    private static readonly IReadOnlyDictionary<string, string> NoFieldErrors = new Dictionary<string, string>();

    public string? Error { get; init; }
    public IReadOnlyDictionary<string, string> FieldErrors { get; init; } = NoFieldErrors;
    public bool IsNotFound { get; init; }
    public bool Succeeded => Error is null && FieldErrors.Count == 0;

    public static Result Ok { get; } = new();
    public static Result Fail(string message) => new() { Error = message };
    // Properties, not stored values: each reader gets the sentence in their own language.
    public static Result NotFound => new() { Error = Messages.Say("This user was not found."), IsNotFound = true };
    public static Result Invalid(string field, string message) => Invalid(new Dictionary<string, string> { [field] = message });
    public static Result Invalid(IReadOnlyDictionary<string, string> fieldErrors) => new()
    {
        FieldErrors = fieldErrors,
        Error = fieldErrors.Count == 0 ? null : Messages.Say("Please correct the highlighted fields."),
    };
}

/// <summary>A result that also returns a value when it succeeds.</summary>
public sealed record Result<T> : Result
{
    public T? Value { get; init; }
    public static Result<T> Success(T value) => new() { Value = value };
    public static Result<T> From(Result failure) => new()
    {
        Error = failure.Error, FieldErrors = failure.FieldErrors, IsNotFound = failure.IsNotFound,
    };
}
