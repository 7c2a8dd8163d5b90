using System.Text.Json;
using System.Text.Json.Nodes;
using Hesh.Core.PublicApi;
using Microsoft.AspNetCore.Mvc;

namespace Hesh.Web.PublicApi;

/// <summary>
/// Hesh's Public API v1 (PRODUCT §8): the users of the key's company. Authenticated by <see cref="ApiKeyAuthenticationHandler"/>
/// only, limited per key (<see cref="ApiKeyRateLimitPolicy"/>), audited per call (<see cref="PublicApiCalls"/>); the rules
/// are Core's (<see cref="PublicUsers"/>).
/// </summary>
public static class PublicApiEndpoints
{
    public const string Prefix = "/api/v1/public";
    public const string ReadPolicy = "users:read";
    public const string WritePolicy = "users:write";
    /// <summary>A PATCH body is a handful of fields; anything near this is not one.</summary>
    public const long MaxPatchBytes = 16 * 1024;

    public static RouteGroupBuilder MapPublicUsers(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix)
            .WithTags("Users")
            .RequireRateLimiting(ApiKeyRateLimitPolicy.Name)
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status500InternalServerError);

        api.MapBatch();
        api.MapGet("/users", ListAsync).RequireAuthorization(ReadPolicy)
            .WithName("ListUsers").WithSummary("List users")
            .WithDescription("The company's users, one page at a time, ordered by their last change (oldest first) so that a sync can pass " +
                "the time of its previous run as updated_since. search matches names, email, phone and external id.")
            .Produces<UserPageResponse>().ProducesValidationProblem();

        api.MapGet("/users/{id}", GetAsync).RequireAuthorization(ReadPolicy)
            .WithName("GetUser").WithSummary("Get a user")
            .Produces<UserResponse>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/users/{id}/avatar", AvatarAsync).RequireAuthorization(ReadPolicy)
            .WithName("GetUserAvatar").WithSummary("Get a user's photo")
            .WithDescription("The image avatar_image_url points to; 404 when the user has no photo.")
            .Produces(StatusCodes.Status200OK, null, "image/png", "image/jpeg", "image/webp").ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPatch("/users/{id}", PatchAsync).RequireAuthorization(WritePolicy)
            .WithName("UpdateUser").WithSummary("Change a user")
            .WithDescription("Changes the fields sent and leaves the others as they are; null clears phone, external_user_id, department_id " +
                "or position_id. Validated as Hesh's own Edit form; a department or position change is audited. The company owner and " +
                "administrators cannot be changed with a key (403).")
            .Accepts<UserPatchRequest>("application/json", "application/merge-patch+json")
            .Produces<UserResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapPost("/users/{id}/deactivate", (HttpContext http, string id, PublicUsers users, CancellationToken ct) => SetStatusAsync(http, id, false, users, ct))
            .RequireAuthorization(WritePolicy)
            .WithName("DeactivateUser").WithSummary("Deactivate a user")
            .WithDescription("The user can no longer sign in, and their open sessions end at once. Deactivating an inactive user changes nothing.")
            .Produces<UserResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/users/{id}/activate", (HttpContext http, string id, PublicUsers users, CancellationToken ct) => SetStatusAsync(http, id, true, users, ct))
            .RequireAuthorization(WritePolicy)
            .WithName("ActivateUser").WithSummary("Activate a user")
            .WithDescription("An inactive user becomes Active again (Pending if they never set a password). A pending user becomes active only " +
                "by accepting the invitation (400). Activating an active user changes nothing.")
            .Produces<UserResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    private static ApiCaller Caller(HttpContext http) =>
        ApiKeyAuthenticationHandler.CallerOf(http) ?? throw new InvalidOperationException("A Public API endpoint ran without a verified key.");

    /// <summary>Where the user's photo is read, with the same headers.</summary>
    public static string AvatarUrl(HttpRequest request, string userId) =>
        $"{request.Scheme}://{request.Host.Value}{request.PathBase}{Prefix}/users/{Uri.EscapeDataString(userId)}/avatar";

    private static UserResponse Shape(HttpContext http, PublicUser user) => UserResponse.From(user, AvatarUrl(http.Request, user.Id));

    private static async Task<IResult> ListAsync(HttpContext http, PublicUsers users,
        [FromQuery(Name = "page")] int? page, [FromQuery(Name = "page_size")] int? pageSize,
        [FromQuery(Name = "updated_since")] DateTimeOffset? updatedSince, [FromQuery(Name = "search")] string? search, CancellationToken ct)
    {
        var query = new PublicUserQuery(page ?? 1, pageSize ?? PublicUsers.DefaultPageSize, updatedSince?.UtcDateTime, search);
        if (PublicUsers.Check(query) is { } errors)
        {
            return ApiProblems.BadRequest("Some query parameters are not valid.", errors);
        }
        var result = await users.ListAsync(Caller(http), query, ct);
        return Results.Ok(new UserPageResponse([.. result.Users.Select(u => Shape(http, u))], result.Page, result.PageSize, result.Total));
    }

    private static async Task<IResult> GetAsync(HttpContext http, string id, PublicUsers users, CancellationToken ct) =>
        await users.GetAsync(Caller(http), id, ct) is { } user ? Results.Ok(Shape(http, user)) : ApiProblems.NotFound();

    private static async Task<IResult> AvatarAsync(HttpContext http, string id, PublicUsers users, CancellationToken ct) =>
        await users.PhotoAsync(Caller(http), id, ct) is var (content, type) ? Results.File(content, type) : ApiProblems.NotFound("This user has no photo.");

    private static async Task<IResult> PatchAsync(HttpContext http, string id, PublicUsers users, CancellationToken ct)
    {
        var (body, problem) = await ApiJsonBody.ReadAsync(http.Request, MaxPatchBytes, ct);
        if (problem is not null)
        {
            return problem;
        }
        var (patch, errors) = ReadPatch((JsonObject)body!);
        if (errors.Count > 0)
        {
            return ApiProblems.BadRequest("Some fields are not valid; nothing was changed.", errors);
        }
        return Answer(http, await users.UpdateAsync(Caller(http), id, patch, ct));
    }

    private static async Task<IResult> SetStatusAsync(HttpContext http, string id, bool activate, PublicUsers users, CancellationToken ct) =>
        Answer(http, await users.SetStatusAsync(Caller(http), id, activate, ct));

    private static IResult Answer(HttpContext http, ApiOutcome outcome) => outcome.Refusal switch
    {
        ApiRefusal.None => Results.Ok(Shape(http, outcome.User!)),
        ApiRefusal.NotFound => ApiProblems.NotFound(),
        ApiRefusal.Forbidden => ApiProblems.Of(StatusCodes.Status403Forbidden, "Not allowed for an API key", outcome.Message!),
        _ => ApiProblems.BadRequest(outcome.Message!, outcome.Errors),
    };

    /// <summary>Which fields were sent, and with what: a wrong type or an unknown field is named, so a typo is not silently ignored.</summary>
    internal static (PublicUserPatch Patch, Dictionary<string, string> Errors) ReadPatch(JsonObject body)
    {
        var errors = new Dictionary<string, string>();
        foreach (var (name, _) in body)
        {
            if (!UserPatchRequest.Fields.Contains(name))
            {
                errors[name] = $"Unknown field; the fields are {string.Join(", ", UserPatchRequest.Fields)}.";
            }
        }
        Sent<string?>? Text(string name)
        {
            if (!body.TryGetPropertyValue(name, out var node))
            {
                return null;
            }
            if (node is null)
            {
                return new Sent<string?>(null);
            }
            if (node.GetValueKind() == JsonValueKind.String)
            {
                return new Sent<string?>(node.GetValue<string>());
            }
            errors[name] = "Must be a string or null.";
            return null;
        }
        Sent<Guid?>? Id(string name)
        {
            if (!body.TryGetPropertyValue(name, out var node))
            {
                return null;
            }
            if (node is null)
            {
                return new Sent<Guid?>(null);
            }
            if (node.GetValueKind() == JsonValueKind.String && Guid.TryParse(node.GetValue<string>(), out var id))
            {
                return new Sent<Guid?>(id);
            }
            errors[name] = "Must be a UUID or null.";
            return null;
        }
        var patch = new PublicUserPatch(Text("first_name"), Text("last_name"), Text("phone"), Text("external_user_id"), Id("department_id"), Id("position_id"));
        return (patch, errors);
    }
}
