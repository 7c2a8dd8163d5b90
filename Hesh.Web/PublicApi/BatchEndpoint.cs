using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Hesh.Core.PublicApi;
using Hesh.Core.Users.Onboarding;

namespace Hesh.Web.PublicApi;

/// <summary>One person to create; email, first_name and last_name are required.</summary>
public sealed class BatchUserRequest
{
    [JsonPropertyName("external_user_id"), MaxLength(64), Description("The person's id in your system.")] public string? ExternalUserId { get; init; }
    [JsonPropertyName("email"), MaxLength(254)] public required string Email { get; init; }
    [JsonPropertyName("first_name"), MaxLength(50)] public required string FirstName { get; init; }
    [JsonPropertyName("last_name"), MaxLength(50)] public required string LastName { get; init; }
    [JsonPropertyName("phone"), MaxLength(20)] public string? Phone { get; init; }

    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.Ordinal) { "external_user_id", "email", "first_name", "last_name", "phone" };
}

/// <summary>At most 1,000 people per call.</summary>
public sealed record BatchRequest([property: JsonPropertyName("users"), MaxLength(1000)] IReadOnlyList<BatchUserRequest> Users);

/// <summary>What became of one item of the request: created, or skipped because the user exists (matched by email or phone).</summary>
public sealed record BatchItemResponse(
    [property: JsonPropertyName("index"), Description("0-based position of the item in the request.")] int Index,
    [property: JsonPropertyName("result"), Description("created or skipped.")] string Result,
    [property: JsonPropertyName("reason"), Description("Why it was skipped: \"exists (email)\" or \"exists (phone)\"; null when created.")] string? Reason,
    [property: JsonPropertyName("user")] UserResponse User);

/// <summary>Every item, in request order, with its user: the new one (Pending, invitation sent) or the existing one.</summary>
public sealed record BatchResponse(
    [property: JsonPropertyName("created")] int Created,
    [property: JsonPropertyName("skipped")] int Skipped,
    [property: JsonPropertyName("results")] IReadOnlyList<BatchItemResponse> Results);

/// <summary>
/// POST /users/batch: the shared <see cref="UserBatch"/> (the file import's too) creates everyone or nobody; people who
/// exist are skipped. 201 when someone was created, 200 when everyone was skipped.
/// </summary>
public static class BatchEndpoint
{
    /// <summary>1,000 people of at most ~450 bytes of fields each, with room for whitespace.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static void MapBatch(this RouteGroupBuilder api) =>
        api.MapPost("/users/batch", CreateAsync).RequireAuthorization(PublicApiEndpoints.WritePolicy)
            .WithName("CreateUsersInBatch").WithSummary("Create users in batch")
            .WithDescription($"Creates up to {UserBatch.MaxPerCall:N0} people at once, each Pending with an invitation email. People who exist in the " +
                "company (same email, or same phone number) are skipped and returned as they are. All items are validated first: one invalid item " +
                "and nobody is created (400, with each error named as users[index].field).")
            .Accepts<BatchRequest>("application/json")
            .Produces<BatchResponse>(StatusCodes.Status201Created).Produces<BatchResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<IResult> CreateAsync(HttpContext http, UserBatch batch, PublicUsers users, CancellationToken ct)
    {
        var (body, problem) = await ApiJsonBody.ReadAsync(http.Request, MaxBodyBytes, ct);
        if (problem is not null)
        {
            return problem;
        }
        var (people, errors) = Read((JsonObject)body!);
        if (errors.Count > 0 || people is null)
        {
            return ApiProblems.BadRequest(errors.TryGetValue("users", out var whole) ? whole : "Some items are not valid; nobody was created.", errors);
        }
        var caller = ApiKeyAuthenticationHandler.CallerOf(http)!;
        var result = await batch.CreateAsync(new BatchCaller(caller.CompanyId, caller.ActorRef, caller.ActorName, null, caller.Scopes),
            people, "Public API", sendInvitations: true, ct);
        if (result.Value is { Errors.Count: > 0 } invalid)
        {
            var byItem = invalid.Errors.GroupBy(e => $"users[{e.Index}].{e.Field}")
                .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.FirstIndex is { } first ? $"{e.Message} (first at users[{first}])" : e.Message)));
            return ApiProblems.BadRequest(result.Error ?? "Some items are not valid; nobody was created.", byItem);
        }
        if (!result.Succeeded)
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, "Conflict", result.Error!);
        }
        var rows = result.Value!.Rows;
        var shaped = (await users.ManyAsync(caller, [.. rows.Select(r => r.UserId).Distinct()], ct)).ToDictionary(u => u.Id);
        var response = new BatchResponse(result.Value.Created, result.Value.Skipped,
        [
            .. rows.Where(r => shaped.ContainsKey(r.UserId)).Select(r => new BatchItemResponse(r.Index, r.Outcome == BatchOutcome.Created ? "created" : "skipped",
                r.Reason, UserResponse.From(shaped[r.UserId], PublicApiEndpoints.AvatarUrl(http.Request, r.UserId)))),
        ]);
        return result.Value.Created > 0 ? Results.Json(response, statusCode: StatusCodes.Status201Created) : Results.Ok(response);
    }

    /// <summary>The people of the body, or every problem with it by JSON path: the limit first, then each item's types and unknown fields.</summary>
    internal static (IReadOnlyList<NewPerson>? People, Dictionary<string, string> Errors) Read(JsonObject body)
    {
        var errors = new Dictionary<string, string>();
        foreach (var (name, _) in body)
        {
            if (name != "users")
            {
                errors[name] = "Unknown field; the body is {\"users\": [...]}.";
            }
        }
        if (!body.TryGetPropertyValue("users", out var node) || node is not JsonArray items)
        {
            errors["users"] = "users must be a list of people.";
            return (null, errors);
        }
        if (items.Count == 0)
        {
            errors["users"] = "users is empty: there is nobody to create.";
            return (null, errors);
        }
        if (items.Count > UserBatch.MaxPerCall)
        {
            errors["users"] = $"At most {UserBatch.MaxPerCall:N0} users per call; this one has {items.Count:N0}. Nobody was created: send them in several calls.";
            return (null, errors);
        }
        var people = new List<NewPerson>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item)
            {
                errors[$"users[{i}]"] = "Each item must be an object.";
                continue;
            }
            foreach (var (name, _) in item)
            {
                if (!BatchUserRequest.Fields.Contains(name))
                {
                    errors[$"users[{i}].{name}"] = $"Unknown field; the fields are {string.Join(", ", BatchUserRequest.Fields)}.";
                }
            }
            string? Text(string name)
            {
                if (!item.TryGetPropertyValue(name, out var value) || value is null)
                {
                    return null;
                }
                if (value.GetValueKind() == JsonValueKind.String)
                {
                    return value.GetValue<string>();
                }
                errors[$"users[{i}].{name}"] = "Must be a string.";
                return null;
            }
            people.Add(new NewPerson(Text("email") ?? "", Text("first_name") ?? "", Text("last_name") ?? "", Text("phone"), Text("external_user_id")));
        }
        return (people, errors);
    }
}
