using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Hesh.Core.ApiKeys;
using Hesh.Tests.Infrastructure;

namespace Hesh.Tests.PublicApi;

/// <summary>
/// The OpenAPI document at /openapi/v1.json: anonymous, 3.1, only the Public API, both headers as security schemes,
/// clean under a third-party linter (Redocly CLI, pinned in Hesh.Tests/openapi), and true to what the API answers.
/// </summary>
public sealed class OpenApiDocumentTests(AppHost host)
{
    private async Task<(string Text, JsonElement Document)> DocumentAsync()
    {
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return (text, JsonDocument.Parse(text).RootElement);
    }

    [Fact]
    public async Task The_document_is_openapi_3_1_of_the_public_api_only_with_both_headers_as_security()
    {
        var (_, doc) = await DocumentAsync();

        Assert.StartsWith("3.1", doc.GetProperty("openapi").GetString());
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(paths, p => Assert.StartsWith("/api/v1/public/", p));
        Assert.Equal(["/api/v1/public/users", "/api/v1/public/users/batch", "/api/v1/public/users/{id}", "/api/v1/public/users/{id}/activate",
            "/api/v1/public/users/{id}/avatar", "/api/v1/public/users/{id}/deactivate"], paths.Order(StringComparer.Ordinal));
        var schemes = doc.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal(("apiKey", "header", "x-api-key"), (schemes.GetProperty("ApiKey").GetProperty("type").GetString(),
            schemes.GetProperty("ApiKey").GetProperty("in").GetString(), schemes.GetProperty("ApiKey").GetProperty("name").GetString()));
        Assert.Equal("x-tenant-id", schemes.GetProperty("TenantId").GetProperty("name").GetString());
        var requirement = Assert.Single(doc.GetProperty("security").EnumerateArray());
        Assert.Equal(["ApiKey", "TenantId"], requirement.EnumerateObject().Select(p => p.Name).Order());
        Assert.True(doc.GetProperty("components").GetProperty("schemas").GetProperty("UserResponse").TryGetProperty("examples", out _));
        var batch = doc.GetProperty("paths").GetProperty("/api/v1/public/users/batch").GetProperty("post").GetProperty("responses");
        Assert.Equal(["200", "201", "400", "401", "403", "409", "413", "415", "429", "500"], batch.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task The_document_passes_redocly_lint_with_its_recommended_rules()
    {
        var (text, _) = await DocumentAsync();
        var folder = LintFolder();
        var file = Path.Combine(Path.GetTempPath(), $"hesh-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, text);
        try
        {
            var start = new ProcessStartInfo(Path.Combine(folder, "node_modules", ".bin", "redocly"), ["lint", file, "--config", Path.Combine(folder, "redocly.yaml"), "--format", "stylish"])
            {
                WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
                Environment = { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["NO_COLOR"] = "1" },
            };
            using var lint = Process.Start(start)!;
            var output = lint.StandardOutput.ReadToEndAsync();
            var errors = lint.StandardError.ReadToEndAsync();
            await lint.WaitForExitAsync(TestContext.Current.CancellationToken);
            var report = string.Join('\n', (await output + "\n" + await errors).Split('\n').Where(l => !l.Contains('║') && !l.Contains('╔') && !l.Contains('╚')));
            // Warnings are reported, errors fail.
            TestContext.Current.TestOutputHelper?.WriteLine(report);
            Assert.True(lint.ExitCode == 0, report);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string LintFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "openapi"), Path.Combine(dir.FullName, "Hesh.Tests", "openapi") })
            {
                if (File.Exists(Path.Combine(candidate, "node_modules", ".bin", "redocly")))
                {
                    return candidate;
                }
            }
        }
        throw new FileNotFoundException("Redocly CLI is not installed: run `npm ci` in Hesh.Tests/openapi (test.sh does).");
    }

    [Fact]
    public async Task Every_answer_of_the_api_is_documented_and_its_body_matches_the_documents_schema()
    {
        var (_, doc) = await DocumentAsync();
        var contract = new OpenApiContract(doc);
        var company = await host.CreateCompanyAsync();
        var petra = await company.AddUserAsync("Petra");
        var ivan = await company.AddUserAsync("Ivan", Hesh.Core.Users.UserStatus.Inactive);
        var pending = await company.AddUserAsync("Penny", Hesh.Core.Users.UserStatus.Pending);
        var key = await host.CreateKeyAsync(company);
        using var api = host.ApiClient(key);
        using var readOnly = host.ApiClient(await host.CreateKeyAsync(company, ApiScopes.UsersRead));
        using var nobody = host.ApiClient(null, company.Id);
        var one = $"{{\"users\":[{{\"email\":\"new-{company.Tag}@contract.test\",\"first_name\":\"Nova\",\"last_name\":\"New\",\"external_user_id\":\"C-1\"}}]}}";
        var json = (string body) => new StringContent(body, Encoding.UTF8, "application/json");

        var calls = new (string Method, string Template, Func<Task<HttpResponseMessage>> Call, int Expected)[]
        {
            ("GET", "/api/v1/public/users", () => api.GetAsync($"{ApiKit.Users}?page_size=2&search=e"), 200),
            ("GET", "/api/v1/public/users", () => api.GetAsync($"{ApiKit.Users}?page_size=1000"), 400),
            ("GET", "/api/v1/public/users", () => nobody.GetAsync(ApiKit.Users), 401),
            ("GET", "/api/v1/public/users/{id}", () => api.GetAsync($"{ApiKit.Users}/{petra.Id}"), 200),
            ("GET", "/api/v1/public/users/{id}", () => api.GetAsync($"{ApiKit.Users}/no-such-user"), 404),
            ("GET", "/api/v1/public/users/{id}/avatar", () => api.GetAsync($"{ApiKit.Users}/{petra.Id}/avatar"), 404),
            ("PATCH", "/api/v1/public/users/{id}", () => api.PatchAsync($"{ApiKit.Users}/{petra.Id}", json("""{"phone":"+380 44 555 0101"}""")), 200),
            ("PATCH", "/api/v1/public/users/{id}", () => api.PatchAsync($"{ApiKit.Users}/{petra.Id}", json("""{"phone":"nope"}""")), 400),
            ("PATCH", "/api/v1/public/users/{id}", () => readOnly.PatchAsync($"{ApiKit.Users}/{petra.Id}", json("{}")), 403),
            ("PATCH", "/api/v1/public/users/{id}", () => api.PatchAsync($"{ApiKit.Users}/{petra.Id}", new StringContent("x", Encoding.UTF8, "text/plain")), 415),
            ("POST", "/api/v1/public/users/{id}/deactivate", () => api.PostAsync($"{ApiKit.Users}/{petra.Id}/deactivate", null), 200),
            ("POST", "/api/v1/public/users/{id}/activate", () => api.PostAsync($"{ApiKit.Users}/{ivan.Id}/activate", null), 200),
            ("POST", "/api/v1/public/users/{id}/activate", () => api.PostAsync($"{ApiKit.Users}/{pending.Id}/activate", null), 400),
            ("POST", "/api/v1/public/users/batch", () => api.PostAsync($"{ApiKit.Users}/batch", json(one)), 201),
            ("POST", "/api/v1/public/users/batch", () => api.PostAsync($"{ApiKit.Users}/batch", json(one)), 200),
            ("POST", "/api/v1/public/users/batch", () => api.PostAsync($"{ApiKit.Users}/batch", json("""{"users":[{"email":"x"}]}""")), 400),
            ("POST", "/api/v1/public/users/batch", () => api.PostAsync($"{ApiKit.Users}/batch", json(new string(' ', 1024 * 1024 + 1))), 413),
        };

        var failures = new List<string>();
        foreach (var (method, template, call, expected) in calls)
        {
            using var response = await call();
            var status = (int)response.StatusCode;
            var media = response.Content.Headers.ContentType?.MediaType ?? "";
            var (schema, missing) = contract.ResponseSchema(method, template, status, media);
            if (status != expected)
            {
                failures.Add($"{method} {template}: {status}, expected {expected}");
            }
            else if (missing is not null)
            {
                failures.Add(missing);
            }
            else if (schema is { } s)
            {
                var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                failures.AddRange(contract.Validate(s, body).Select(e => $"{method} {template} {status}: {e}"));
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void The_contract_validator_catches_an_undeclared_field_a_wrong_type_and_a_missing_field()
    {
        var doc = JsonDocument.Parse("""
            {"components":{"schemas":{"U":{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"n":{"type":["null","integer"]}}}}}}
            """).RootElement;
        var contract = new OpenApiContract(doc);
        var schema = JsonDocument.Parse("""{"$ref":"#/components/schemas/U"}""").RootElement;

        Assert.Empty(contract.Validate(schema, JsonDocument.Parse("""{"id":"a","n":null}""").RootElement));
        Assert.Contains(contract.Validate(schema, JsonDocument.Parse("""{"id":"a","extra":1}""").RootElement), e => e.Contains("not declared"));
        Assert.Contains(contract.Validate(schema, JsonDocument.Parse("""{"id":1}""").RootElement), e => e.Contains("the document says string"));
        Assert.Contains(contract.Validate(schema, JsonDocument.Parse("""{"n":2}""").RootElement), e => e.Contains("required"));
    }

    [Fact]
    public async Task The_reference_page_is_served_from_hesh_itself_with_this_responses_nonce()
    {
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };

        var page = await anonymous.GetAsync("/api/docs/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([0-9A-F]+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Contains($"nonce=\"{nonce}\"", s));
        Assert.DoesNotContain("https://", string.Join(' ', scripts));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/docs/scalar.js")).StatusCode);
    }
}
