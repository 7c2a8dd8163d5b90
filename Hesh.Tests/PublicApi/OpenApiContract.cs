using System.Text.Json;

namespace Hesh.Tests.PublicApi;

/// <summary>
/// The served OpenAPI document used as a contract: finds an operation's declared response for a status code and a
/// media type, and validates a body against its schema — the JSON Schema keywords the framework emits ($ref, type with
/// null, properties, required, items, additionalProperties, anyOf/oneOf/allOf, enum, maxLength, format date-time and uuid).
/// Strict where it matters to a client: a property the document does not declare is an error, so a field added to a
/// response without the document saying so fails here.
/// </summary>
public sealed class OpenApiContract(JsonElement document)
{
    public JsonElement Document { get; } = document;

    /// <summary>The schema of <paramref name="status"/>'s body for this operation, or an error saying what the document lacks.</summary>
    public (JsonElement? Schema, string? Error) ResponseSchema(string method, string pathTemplate, int status, string mediaType)
    {
        if (!Document.GetProperty("paths").TryGetProperty(pathTemplate, out var path) || !path.TryGetProperty(method.ToLowerInvariant(), out var operation))
        {
            return (null, $"{method} {pathTemplate} is not in the document");
        }
        var responses = operation.GetProperty("responses");
        if (!responses.TryGetProperty(status.ToString(), out var response) && !responses.TryGetProperty("default", out response))
        {
            return (null, $"{method} {pathTemplate} does not document status {status}");
        }
        if (!response.TryGetProperty("content", out var content) || !content.TryGetProperty(mediaType, out var media))
        {
            return (null, $"{method} {pathTemplate} {status} does not document {mediaType}");
        }
        return (media.TryGetProperty("schema", out var schema) ? schema : null, null);
    }

    public IReadOnlyList<string> Validate(JsonElement schema, JsonElement instance)
    {
        var errors = new List<string>();
        Check(schema, instance, "$", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(Resolve(reference.GetString()!), value, at, errors);
            return;
        }
        foreach (var (keyword, any) in new[] { ("anyOf", true), ("oneOf", true), ("allOf", false) })
        {
            if (schema.TryGetProperty(keyword, out var options))
            {
                var results = options.EnumerateArray().Select(o => { var e = new List<string>(); Check(o, value, at, e); return e; }).ToList();
                if (any ? results.All(r => r.Count > 0) : results.Any(r => r.Count > 0))
                {
                    errors.Add($"{at}: matches {(any ? "none" : "not all")} of {keyword}: {string.Join(" | ", results.SelectMany(r => r))}");
                }
            }
        }
        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!types.Any(t => Is(t, value)))
            {
                errors.Add($"{at}: is {value.ValueKind}, the document says {string.Join(" or ", types)}");
                return;
            }
        }
        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.ToString() == value.ToString()))
        {
            errors.Add($"{at}: {value} is not one of {values}");
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (schema.TryGetProperty("maxLength", out var max) && text.Length > max.GetInt32())
            {
                errors.Add($"{at}: longer than {max}");
            }
            if (schema.TryGetProperty("format", out var format) && format.GetString() switch
                {
                    "date-time" => !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _),
                    "uuid" => !Guid.TryParse(text, out _),
                    _ => false,
                })
            {
                errors.Add($"{at}: \"{text}\" is not a {format}");
            }
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
            foreach (var property in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var declared))
                {
                    Check(declared, property.Value, $"{at}.{property.Name}", errors);
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Check(additional, property.Value, $"{at}.{property.Name}", errors);
                }
                else if (additional.ValueKind != JsonValueKind.True && properties.ValueKind == JsonValueKind.Object)
                {
                    errors.Add($"{at}.{property.Name}: not declared in the document");
                }
            }
            if (schema.TryGetProperty("required", out var required))
            {
                errors.AddRange(required.EnumerateArray().Select(r => r.GetString()!).Where(r => !value.TryGetProperty(r, out _)).Select(r => $"{at}.{r}: required, missing"));
            }
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, $"{at}[{i++}]", errors);
            }
        }
    }

    private JsonElement Resolve(string reference)
    {
        var node = Document;
        foreach (var part in reference.TrimStart('#', '/').Split('/'))
        {
            node = node.GetProperty(part.Replace("~1", "/").Replace("~0", "~"));
        }
        return node;
    }

    private static bool Is(string type, JsonElement value) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        _ => false,
    };
}
