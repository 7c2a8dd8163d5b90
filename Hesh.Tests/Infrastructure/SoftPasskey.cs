using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hesh.Tests.Infrastructure;

/// <summary>
/// A software authenticator for HTTP tests: it answers the server's real WebAuthn options with an ES256 (P-256) key,
/// "none" attestation, user present and verified, exactly as a browser's authenticator would, so Identity's own
/// checks (challenge, origin, relying party, signature, sign count) run on what it sends. An attacker holds one too:
/// every field can be swapped before it is sent.
/// </summary>
public sealed class SoftPasskey : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public SoftPasskey(byte[]? credentialId = null) => CredentialId = credentialId ?? RandomNumberGenerator.GetBytes(16);

    public byte[] CredentialId { get; }
    public string Id => Base64Url.EncodeToString(CredentialId);
    public uint SignCount { get; private set; }
    /// <summary>The account the passkey was made for (the options' user.id), which it returns when signing in.</summary>
    public string? UserHandle { get; private set; }

    /// <summary>The JSON of navigator.credentials.create() for these creation options.</summary>
    public string Create(string creationOptionsJson, string origin)
    {
        var options = JsonNode.Parse(creationOptionsJson)!;
        var rpId = (string)options["rp"]!["id"]!;
        UserHandle = Encoding.UTF8.GetString(Base64Url.DecodeFromChars((string)options["user"]!["id"]!));
        var clientData = ClientData("webauthn.create", (string)options["challenge"]!, origin);
        var parameters = _key.ExportParameters(false);
        byte[] coseKey = [0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, .. Bytes(parameters.Q.X!), 0x22, .. Bytes(parameters.Q.Y!)];
        byte[] attested = [.. new byte[16], .. BigEndian((ushort)CredentialId.Length), .. CredentialId, .. coseKey];
        var authData = AuthenticatorData(rpId, flags: 0x45, attested);   // user present, user verified, attested data
        byte[] attestationObject = [0xA3, .. Text("fmt"), .. Text("none"), .. Text("attStmt"), 0xA0, .. Text("authData"), .. Bytes(authData)];
        return new JsonObject
        {
            ["id"] = Id, ["rawId"] = Id, ["type"] = "public-key", ["authenticatorAttachment"] = "platform",
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = Base64Url.EncodeToString(clientData), ["attestationObject"] = Base64Url.EncodeToString(attestationObject),
                ["transports"] = new JsonArray("internal"),
            },
            ["clientExtensionResults"] = new JsonObject(),
        }.ToJsonString();
    }

    /// <summary>The JSON of navigator.credentials.get() for these request options; <paramref name="userHandle"/> forges the account it claims.</summary>
    public string Get(string requestOptionsJson, string origin, string? userHandle = null)
    {
        var options = JsonNode.Parse(requestOptionsJson)!;
        var clientData = ClientData("webauthn.get", (string)options["challenge"]!, origin);
        SignCount++;
        var authData = AuthenticatorData((string)options["rpId"]!, flags: 0x05, []);
        var signature = _key.SignData([.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new JsonObject
        {
            ["id"] = Id, ["rawId"] = Id, ["type"] = "public-key", ["authenticatorAttachment"] = "platform",
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = Base64Url.EncodeToString(clientData), ["authenticatorData"] = Base64Url.EncodeToString(authData),
                ["signature"] = Base64Url.EncodeToString(signature),
                ["userHandle"] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(userHandle ?? UserHandle ?? "")),
            },
            ["clientExtensionResults"] = new JsonObject(),
        }.ToJsonString();
    }

    private byte[] AuthenticatorData(string rpId, byte flags, byte[] attested) =>
        [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), flags, .. BigEndian(SignCount), .. attested];

    private static byte[] ClientData(string type, string challenge, string origin) =>
        JsonSerializer.SerializeToUtf8Bytes(new { type, challenge, origin, crossOrigin = false });

    private static byte[] BigEndian(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    // CBOR, just what an attestation object needs: text strings and byte strings with their length heads.
    private static byte[] Text(string text) => [.. Head(0x60, text.Length), .. Encoding.UTF8.GetBytes(text)];

    private static byte[] Bytes(byte[] bytes) => [.. Head(0x40, bytes.Length), .. bytes];

    private static byte[] Head(byte major, int length) => length switch
    {
        < 24 => [(byte)(major | length)],
        < 256 => [(byte)(major | 24), (byte)length],
        _ => [(byte)(major | 25), .. BigEndian((ushort)length)],
    };

    public void Dispose() => _key.Dispose();
}
