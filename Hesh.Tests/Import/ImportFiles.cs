using System.Text;
using Hesh.Core.Users.Import;

namespace Hesh.Tests.Import;

/// <summary>Files as people make them: CSV text, and XLSX written by MiniExcel (a real workbook).</summary>
internal static class ImportFiles
{
    public const string Header = "Email,First name,Last name,Phone,External id,Department,Position";

    public static MemoryStream Csv(string text, bool bom = false) =>
        new((bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray());

    public static MemoryStream Csv(params string[] lines) => Csv(string.Join("\r\n", lines) + "\r\n");

    public static MemoryStream Xlsx(IReadOnlyList<string> header, params string?[][] rows) => new(UserFiles.Xlsx(header, rows));

    public static async Task<ImportTable> ReadOkAsync(Stream file, string name = "people.csv")
    {
        var table = await ImportFile.ReadAsync(file, name);
        Assert.True(table.Succeeded, table.Error);
        return table.Value!;
    }

    public static async Task<string> ReadErrorAsync(Stream file, string name = "people.csv")
    {
        var table = await ImportFile.ReadAsync(file, name);
        Assert.False(table.Succeeded);
        return table.Error!;
    }
}
