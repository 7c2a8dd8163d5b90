using System.Text;
using Hesh.Core.Users;

namespace Hesh.Tests.Users;

public sealed class UserPhotoTests
{
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
    public static readonly byte[] Webp = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8 "u8];

    [Fact]
    public void Png_IsAccepted() => Assert.Equal("image/png", UserPhoto.Check(Png).Value);

    [Fact]
    public void Jpeg_IsAccepted() => Assert.Equal("image/jpeg", UserPhoto.Check(Jpeg).Value);

    [Fact]
    public void Webp_IsAccepted() => Assert.Equal("image/webp", UserPhoto.Check(Webp).Value);

    [Fact]
    public void SvgWithScript_IsRefused()
    {
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        var result = UserPhoto.Check(svg);
        Assert.False(result.Succeeded);
        Assert.Contains("PNG, JPEG or WEBP", result.FieldErrors["Photo"]);
    }

    [Fact]
    public void Gif_IsRefused() => Assert.False(UserPhoto.Check("GIF89a....."u8.ToArray()).Succeeded);

    [Fact]
    public void EmptyFile_IsRefused() => Assert.False(UserPhoto.Check([]).Succeeded);

    [Fact]
    public void OversizePhoto_IsRefusedWithTheLimit()
    {
        var big = new byte[UserPhoto.MaxBytes + 1];
        Png.CopyTo(big, 0);
        var result = UserPhoto.Check(big);
        Assert.False(result.Succeeded);
        Assert.Contains("2 MB", result.FieldErrors["Photo"]);
    }
}
