using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hesh.Web.PublicApi;

/// <summary>
/// Reads a JSON body with a size cap, before anything is bound: too big → 413, not JSON → 415 or 400, so a bad body
/// gets a problem that says what is wrong instead of a framework's empty 400.
/// </summary>
internal static class ApiJsonBody
{
    public static async Task<(JsonNode? Node, IResult? Problem)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentType is not { } type || !(type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("application/merge-patch+json", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, ApiProblems.Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as JSON (Content-Type: application/json)."));
        }
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }
            buffer.Write(chunk, 0, read);
        }
        try
        {
            var node = JsonNode.Parse(buffer.ToArray(), documentOptions: new JsonDocumentOptions { MaxDepth = 16 });
            return node is JsonObject ? (node, null) : (null, ApiProblems.BadRequest("The body must be a JSON object."));
        }
        catch (JsonException ex)
        {
            return (null, ApiProblems.BadRequest($"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})."));
        }
    }

    private static IResult TooLarge(long maxBytes) =>
        ApiProblems.Of(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body may be at most {maxBytes / 1024} KB.");
}
