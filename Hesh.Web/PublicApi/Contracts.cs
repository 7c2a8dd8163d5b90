using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Hesh.Core.PublicApi;

namespace Hesh.Web.PublicApi;

// The wire shapes of the Public API, spelled as Hesh's public documentation spells them (PRODUCT §8): snake_case,
// except userVacations. Only these types are serialised, so the app's own JSON settings never change the contract.

/// <summary>A user of the company.</summary>
public sealed record UserResponse(
    [property: JsonPropertyName("id"), Description("Hesh's id of the user.")] string Id,
    [property: JsonPropertyName("email"), Description("Sign-in email; never changes.")] string Email,
    [property: JsonPropertyName("avatar_image_url"), Description("The user's photo (read with the same headers), or null.")] string? AvatarImageUrl,
    [property: JsonPropertyName("first_name")] string FirstName,
    [property: JsonPropertyName("last_name")] string LastName,
    [property: JsonPropertyName("external_user_id"), Description("The user's id in your system.")] string? ExternalUserId,
    [property: JsonPropertyName("full_name")] string FullName,
    [property: JsonPropertyName("phone")] string? Phone,
    [property: JsonPropertyName("status"), Description("Active, Inactive or Pending (invited, no password yet).")] string Status,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt,
    [property: JsonPropertyName("userVacations"), Description("Current and coming day-offs.")] IReadOnlyList<VacationResponse> UserVacations)
{
    public static UserResponse From(PublicUser user, string? avatarUrl) => new(user.Id, user.Email, user.HasPhoto ? avatarUrl : null,
        user.FirstName, user.LastName, user.ExternalUserId, user.FullName, user.Phone, user.Status.ToString(), user.CreatedAt,
        [.. user.Vacations.Select(v => new VacationResponse(v.StartAt, v.EndAt))]);
}

/// <summary>A day-off: from start_at (inclusive) to end_at (exclusive), UTC.</summary>
public sealed record VacationResponse(
    [property: JsonPropertyName("start_at")] DateTime StartAt,
    [property: JsonPropertyName("end_at")] DateTime EndAt);

/// <summary>One page of users, oldest change first.</summary>
public sealed record UserPageResponse(
    [property: JsonPropertyName("users")] IReadOnlyList<UserResponse> Users,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    [property: JsonPropertyName("total")] int Total);

/// <summary>
/// The fields to change; a field left out stays as it is, a field sent as null is cleared (phone, external_user_id,
/// department_id, position_id). Validated as Hesh's own Edit form validates them.
/// </summary>
public sealed class UserPatchRequest
{
    [JsonPropertyName("first_name"), MaxLength(50)] public string? FirstName { get; init; }
    [JsonPropertyName("last_name"), MaxLength(50)] public string? LastName { get; init; }
    [JsonPropertyName("phone"), MaxLength(20)] public string? Phone { get; init; }
    [JsonPropertyName("external_user_id"), MaxLength(64)] public string? ExternalUserId { get; init; }
    [JsonPropertyName("department_id"), Description("A department of the company, or null for none.")] public Guid? DepartmentId { get; init; }
    [JsonPropertyName("position_id"), Description("A position of the company, or null for none.")] public Guid? PositionId { get; init; }

    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.Ordinal)
    {
        "first_name", "last_name", "phone", "external_user_id", "department_id", "position_id",
    };
}
