namespace Hesh.Web.PublicApi;

/// <summary>RFC 9457 problem details, the Public API's only error body: a title, a detail a person can act on, no stack trace.</summary>
public static class ApiProblems
{
    public static IResult Of(int status, string title, string detail, IReadOnlyDictionary<string, string>? errors = null) =>
        errors is { Count: > 0 }
            ? Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }), detail, statusCode: status, title: title)
            : Results.Problem(detail, statusCode: status, title: title);

    public static IResult BadRequest(string detail, IReadOnlyDictionary<string, string>? errors = null) =>
        Of(StatusCodes.Status400BadRequest, "Invalid request", detail, errors);

    public static IResult NotFound(string detail = "No user with this id in this company.") =>
        Of(StatusCodes.Status404NotFound, "Not found", detail);

    public static Task Write(HttpContext context, int status, string title, string detail) => Of(status, title, detail).ExecuteAsync(context);
}
