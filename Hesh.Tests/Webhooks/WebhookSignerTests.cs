using Hesh.Core.Webhooks;

namespace Hesh.Tests.Webhooks;

public sealed class WebhookSignerTests
{
    private const string Secret = "whsec_test-secret";
    private const string Body = """{"id":"evt_1","type":"user.created"}""";
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    [Fact]
    public void Signature_IsHexHmacSha256OfTimestampDotBody_KnownVector() =>
        // python3: hmac.new(b'whsec_test-secret', b'1700000000.' + body, hashlib.sha256).hexdigest()
        Assert.Equal("t=1700000000,v1=4fda6714ec50cf17b378c3ddb6a4813dd2ebcbb5166132aba6ae6536ca7cd3e5", WebhookSigner.Header(Secret, 1700000000, Body));

    [Fact]
    public void ItsOwnSignature_Verifies() =>
        Assert.True(WebhookSigner.Verify(Secret, WebhookSigner.Header(Secret, At.ToUnixTimeSeconds(), Body), Body, At, TimeSpan.FromMinutes(5)));

    [Theory]
    [InlineData("""{"id":"evt_1","type":"user.deleted"}""", Secret, 0)]
    [InlineData(Body, "whsec_another-secret", 0)]
    [InlineData(Body, Secret, 301)]
    public void ChangedBody_OtherSecret_OrOldTimestamp_DoesNotVerify(string body, string secret, int secondsLater) =>
        Assert.False(WebhookSigner.Verify(secret, WebhookSigner.Header(Secret, At.ToUnixTimeSeconds(), Body), body, At.AddSeconds(secondsLater), TimeSpan.FromMinutes(5)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=4fda6714ec50cf17b378c3ddb6a4813dd2ebcbb5166132aba6ae6536ca7cd3e5")]
    [InlineData("t=abc,v1=4fda6714ec50cf17b378c3ddb6a4813dd2ebcbb5166132aba6ae6536ca7cd3e5")]
    [InlineData("t=1700000000")]
    public void MalformedHeader_DoesNotVerify(string? header) => Assert.False(WebhookSigner.Verify(Secret, header, Body, At, TimeSpan.FromMinutes(5)));

    [Fact]
    public void OneMatchingV1AmongSeveral_Verifies() =>
        Assert.True(WebhookSigner.Verify(Secret, $"t=1700000000,v1={new string('0', 64)},v1=4fda6714ec50cf17b378c3ddb6a4813dd2ebcbb5166132aba6ae6536ca7cd3e5", Body, At,
            TimeSpan.FromMinutes(5)));

    [Fact]
    public void NewSecrets_ArePrefixed_Long_AndNeverRepeat()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => WebhookSigner.NewSecret()).ToList();
        Assert.All(secrets, s => Assert.StartsWith("whsec_", s));
        Assert.All(secrets, s => Assert.True(s.Length >= 6 + 43, s));
        Assert.Equal(secrets.Count, secrets.Distinct().Count());
    }
}
