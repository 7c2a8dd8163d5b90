using System.IO.Compression;
using System.Text;
using Hesh.Core.Users.Import;
using static Hesh.Tests.Import.ImportFiles;

namespace Hesh.Tests.Import;

/// <summary>Reading import files: headers, row numbers, limits, malformed files, formula-like cells.</summary>
public sealed class ImportFileTests
{
    [Theory]
    [InlineData("Email,First name,Last name")]
    [InlineData("email,first_name,last_name")]
    [InlineData("EMAIL , FIRSTNAME , Last-Name")]
    [InlineData("E-mail;First Name;Last_Name")]
    [InlineData("\"Email address\"\t\"Given name\"\t\"Surname\"")]
    public async Task Header_names_are_matched_whatever_their_case_spaces_underscores_and_separator(string header)
    {
        var table = await ReadOkAsync(Csv(header, header.Contains(';') ? "ann@test.hesh;Ann;Lee" : header.Contains('\t') ? "ann@test.hesh\tAnn\tLee" : "ann@test.hesh,Ann,Lee"));

        var row = Assert.Single(table.Rows);
        Assert.Equal(("ann@test.hesh", "Ann", "Lee"), (row.Get(ImportColumn.Email), row.Get(ImportColumn.FirstName), row.Get(ImportColumn.LastName)));
    }

    [Fact]
    public async Task Row_numbers_are_those_a_spreadsheet_shows_with_the_header_as_row_one()
    {
        var table = await ReadOkAsync(Csv(Header, "a@test.hesh,Ann,Lee,,,,", "", "b@test.hesh,Bob,Lee,,,,"));

        Assert.Equal([2, 4], table.Rows.Select(r => r.RowNumber));
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_and_quoted_cells_with_commas_are_read_as_text()
    {
        var table = await ReadOkAsync(Csv(Header + "\r\n\"zoë@test.hesh\",Zoë,\"O'Neil, Jr\",,,,\r\n", bom: true));

        var row = Assert.Single(table.Rows);
        Assert.Equal(("zoë@test.hesh", "O'Neil, Jr"), (row.Get(ImportColumn.Email), row.Get(ImportColumn.LastName)));
    }

    [Fact]
    public async Task Formula_like_cells_are_kept_exactly_as_typed_and_never_evaluated()
    {
        var table = await ReadOkAsync(Csv(Header, "\"=HYPERLINK(\"\"http://evil\"\")\",+1+1,-2,@SUM(A1),=1+1,,"));

        var row = Assert.Single(table.Rows);
        Assert.Equal("=HYPERLINK(\"http://evil\")", row.Get(ImportColumn.Email));
        Assert.Equal(("+1+1", "-2", "@SUM(A1)", "=1+1"),
            (row.Get(ImportColumn.FirstName), row.Get(ImportColumn.LastName), row.Get(ImportColumn.Phone), row.Get(ImportColumn.ExternalId)));
    }

    [Fact]
    public async Task The_apostrophe_an_export_puts_before_a_formula_character_is_taken_off_and_any_other_kept()
    {
        var table = await ReadOkAsync(Csv(Header, "a@test.hesh,O'Neil,'Lee,'+44 20 7946 0000,'=x,,"));

        var row = Assert.Single(table.Rows);
        Assert.Equal(("O'Neil", "'Lee", "+44 20 7946 0000", "=x"),
            (row.Get(ImportColumn.FirstName), row.Get(ImportColumn.LastName), row.Get(ImportColumn.Phone), row.Get(ImportColumn.ExternalId)));
    }

    [Fact]
    public async Task Unknown_columns_are_ignored_and_named()
    {
        var table = await ReadOkAsync(Csv("Email,First name,Last name,Salary,Status", "a@test.hesh,Ann,Lee,100,Active"));

        Assert.Equal(["Salary", "Status"], table.IgnoredColumns);
        Assert.False(table.Rows[0].Cells.ContainsKey(ImportColumn.Phone));
    }

    [Theory]
    [InlineData("Name,Mail\r\nAnn,a@test.hesh\r\n", "\"Email\", \"First name\", \"Last name\" are missing")]
    [InlineData("a@test.hesh,Ann,Lee\r\nb@test.hesh,Bob,Lee\r\n", "The first row must name the columns")]
    [InlineData("Email,First name,Last name,email\r\na,b,c,d\r\n", "The column \"Email\" appears twice")]
    [InlineData("Email,First name,Last name\r\n", "no people below it")]
    [InlineData("\r\n\r\n", "The file is empty")]
    public async Task A_wrong_header_row_gets_a_message_that_says_what_is_expected(string csv, string expected)
    {
        Assert.Contains(expected, await ReadErrorAsync(Csv(csv)));
    }

    [Fact]
    public async Task An_unclosed_quote_is_a_malformed_file_with_its_row()
    {
        var error = await ReadErrorAsync(Csv(Header, "a@test.hesh,\"Ann,Lee,,,,", "b@test.hesh,Bob,Lee,,,,"));

        Assert.Contains("not valid CSV", error);
    }

    [Fact]
    public async Task More_than_5000_rows_is_refused_with_the_limit()
    {
        var lines = new[] { Header }.Concat(Enumerable.Range(0, ImportFile.MaxRows + 1).Select(i => $"p{i}@test.hesh,Pat,Lee,,,,")).ToArray();

        Assert.Equal(ImportFile.TooManyRows, await ReadErrorAsync(Csv(lines)));
    }

    [Fact]
    public async Task Exactly_5000_rows_is_accepted()
    {
        var lines = new[] { Header }.Concat(Enumerable.Range(0, ImportFile.MaxRows).Select(i => $"p{i}@test.hesh,Pat,Lee,,,,")).ToArray();

        Assert.Equal(ImportFile.MaxRows, (await ReadOkAsync(Csv(lines))).Rows.Count);
    }

    [Fact]
    public async Task A_file_over_5_MB_is_refused_before_it_is_read_whole()
    {
        var file = new CountingStream(new MemoryStream(new byte[20 * 1024 * 1024]));

        Assert.Equal(ImportFile.TooLarge, await ReadErrorAsync(file));
        Assert.True(file.BytesRead < ImportFile.MaxBytes + 200_000, $"read {file.BytesRead} bytes");
    }

    [Theory]
    [InlineData("people.pdf", "Choose a .csv or .xlsx file.")]
    [InlineData("people.xls", "Choose a .csv or .xlsx file.")]
    public async Task Other_file_types_are_refused(string name, string expected)
    {
        Assert.Equal(expected, await ReadErrorAsync(Csv(Header), name));
    }

    [Fact]
    public async Task An_xlsx_is_read_with_its_header_and_numbers_as_a_spreadsheet_shows_them()
    {
        var table = await ReadOkAsync(Xlsx(["e-mail", "First_Name", "LAST NAME", "Phone"], ["ann@test.hesh", "Ann", "Lee", "442079460000"]), "people.xlsx");

        var row = Assert.Single(table.Rows);
        Assert.Equal(("ann@test.hesh", "Lee", "442079460000", 2), (row.Get(ImportColumn.Email), row.Get(ImportColumn.LastName), row.Get(ImportColumn.Phone), row.RowNumber));
    }

    [Fact]
    public async Task A_file_named_xlsx_that_is_not_a_workbook_is_a_clear_message()
    {
        Assert.Contains("could not be read as an Excel workbook", await ReadErrorAsync(Csv(Header, "a,b,c,,,,"), "people.xlsx"));

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = archive.CreateEntry("hello.txt").Open();
            await entry.WriteAsync(Encoding.UTF8.GetBytes("not a workbook"));
        }
        zip.Position = 0;
        Assert.Contains("could not be read as an Excel workbook", await ReadErrorAsync(zip, "people.xlsx"));
    }

    /// <summary>Rewrites the first sheet of a workbook, as a hand-made hostile file would.</summary>
    private static MemoryStream WithSheet(MemoryStream workbook, Func<string, string> change)
    {
        var copy = new MemoryStream();
        workbook.CopyTo(copy);
        using (var archive = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }
            var name = entry.FullName;
            entry.Delete();
            using var writer = new StreamWriter(archive.CreateEntry(name).Open());
            writer.Write(change(xml));
        }
        copy.Position = 0;
        return copy;
    }

    [Fact]
    public async Task A_tiny_workbook_whose_row_numbers_jump_to_two_billion_is_refused_without_reading_them_all()
    {
        var workbook = Xlsx(["Email", "First name", "Last name"], ["ann@test.hesh", "Ann", "Lee"], ["bob@test.hesh", "Bob", "Lee"]);
        var hostile = WithSheet(workbook, xml => System.Text.RegularExpressions.Regex.Replace(
            xml, "r=\"([A-Z]*)3\"", m => $"r=\"{m.Groups[1].Value}2000000000\""));
        Assert.True(hostile.Length < 10_000);

        Assert.Equal(ImportFile.TooManyRows, await ReadErrorAsync(hostile, "people.xlsx"));
    }

    [Fact]
    public async Task A_workbook_that_unpacks_beyond_50_MB_is_refused_before_it_is_read()
    {
        var workbook = Xlsx(["Email", "First name", "Last name"], ["ann@test.hesh", "Ann", "Lee"]);
        var bomb = new MemoryStream();
        workbook.CopyTo(bomb);
        using (var archive = new ZipArchive(bomb, ZipArchiveMode.Update, leaveOpen: true))
        {
            await using var padding = archive.CreateEntry("xl/media/padding.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 60; i++)
            {
                await padding.WriteAsync(zeros);
            }
        }
        bomb.Position = 0;
        Assert.True(bomb.Length < ImportFile.MaxBytes);

        Assert.Equal(ImportFile.TooLarge, await ReadErrorAsync(bomb, "people.xlsx"));
    }

    [Fact]
    public async Task A_header_wider_than_100_columns_is_refused_and_at_most_20_ignored_columns_are_listed()
    {
        Assert.Equal(ImportFile.TooWide, await ReadErrorAsync(Csv(Header + string.Concat(Enumerable.Repeat(",x", 200)))));

        var table = await ReadOkAsync(Csv(Header + string.Concat(Enumerable.Range(0, 60).Select(i => $",extra{i}")), "ann@test.hesh,Ann,Lee,,,,"));
        Assert.Equal(20, table.IgnoredColumns.Count);
    }

    [Fact]
    public async Task The_template_reads_back_as_one_valid_header_in_both_formats()
    {
        var csv = await ReadOkAsync(Csv(UserImport.TemplateCsv()));
        var xlsx = await ReadOkAsync(new MemoryStream(UserImport.TemplateXlsx()), "template.xlsx");

        Assert.Empty(csv.IgnoredColumns);
        Assert.Equal("Assembly/Welding", csv.Rows.Single().Get(ImportColumn.Department));
        Assert.Equal(csv.Rows.Single().Cells, xlsx.Rows.Single().Cells);
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
