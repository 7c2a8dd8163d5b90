namespace Hesh.Core.Users;

/// <summary>
/// Profile photos: PNG, JPEG or WEBP, decided by the file's own signature, never by its name or the
/// browser's content type, so an SVG or HTML file renamed to .png is refused.
/// </summary>
public static class UserPhoto
{
    public const long MaxBytes = 2 * 1024 * 1024;
    public const string Accept = ".png,.jpg,.jpeg,.webp";

    public static Result<string> Check(ReadOnlySpan<byte> content, bool logo = false)
    {
        if (content.Length == 0)
        {
            return Result<string>.From(Result.Invalid("Photo", Messages.Say("The file is empty.")));
        }
        if (content.Length > MaxBytes)
        {
            return Result<string>.From(Result.Invalid("Photo", logo ? Messages.Say("The logo is larger than {0} MB.", MaxBytes / 1024 / 1024) : Messages.Say("The photo is larger than {0} MB.", MaxBytes / 1024 / 1024)));
        }
        var type = Detect(content);
        return type is null
            ? Result<string>.From(Result.Invalid("Photo", Messages.Say("Only PNG, JPEG or WEBP images can be uploaded.")))
            : Result<string>.Success(type);
    }

    public static string? Detect(ReadOnlySpan<byte> c) =>
        c.Length >= 8 && c[..8].SequenceEqual((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : c.Length >= 3 && c[0] == 0xFF && c[1] == 0xD8 && c[2] == 0xFF ? "image/jpeg"
        : c.Length >= 12 && c[..4].SequenceEqual("RIFF"u8) && c[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;
}
