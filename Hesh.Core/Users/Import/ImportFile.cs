using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace Hesh.Core.Users.Import;

/// <summary>The columns an import file may have, as the template names them.</summary>
public enum ImportColumn
{
    Email,
    FirstName,
    LastName,
    Phone,
    ExternalId,
    Department,
    Position,
}

public static class ImportColumns
{
    public static readonly IReadOnlyList<ImportColumn> All = Enum.GetValues<ImportColumn>();
    public static readonly IReadOnlyList<ImportColumn> Required = [ImportColumn.Email, ImportColumn.FirstName, ImportColumn.LastName];

    /// <summary>The column's name as the template's header says it, in the reader's language ("First name" / "Ім’я").</summary>
    public static string Title(this ImportColumn column) => column switch
    {
        ImportColumn.Email => Messages.Say("Email"),
        ImportColumn.FirstName => Messages.Say("First name"),
        ImportColumn.LastName => Messages.Say("Last name"),
        ImportColumn.Phone => Messages.Say("Phone"),
        ImportColumn.ExternalId => Messages.Say("External id"),
        ImportColumn.Department => Messages.Say("Department"),
        _ => Messages.Say("Position"),
    };

    /// <summary>The name a cell error uses: "row 14, email: …".</summary>
    public static string Label(this ImportColumn column) => column.Title().ToLower(CultureInfo.CurrentCulture);

    /// <summary>
    /// Each column's header in every language Hesh speaks, as <see cref="Key"/> reads it: a template downloaded in
    /// Ukrainian imports wherever it is uploaded.
    /// </summary>
    private static readonly Lazy<IReadOnlyDictionary<string, ImportColumn>> Titles = new(() =>
    {
        var titles = new Dictionary<string, ImportColumn>();
        foreach (var language in Hesh.Core.Preferences.Languages.Supported)
        {
            var culture = Hesh.Core.Preferences.Languages.Culture(language);
            foreach (var column in All)
            {
                var before = CultureInfo.CurrentUICulture;
                try
                {
                    CultureInfo.CurrentUICulture = culture;
                    titles.TryAdd(Key(column.Title()), column);
                }
                finally
                {
                    CultureInfo.CurrentUICulture = before;
                }
            }
        }
        return titles;
    });

    private static string Key(string? header) => new string((header ?? "").Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();

    /// <summary>
    /// A header cell, whatever its case, spaces, underscores or dashes: "First name", "first_name", "FIRSTNAME" and "E-mail"
    /// are all recognised. A few names other systems use for the same thing are accepted too.
    /// </summary>
    public static ImportColumn? Match(string? header)
    {
        var key = Key(header);
        if (Titles.Value.TryGetValue(key, out var titled))
        {
            return titled;
        }
        return key switch
        {
            "email" or "emailaddress" => ImportColumn.Email,
            "firstname" or "givenname" => ImportColumn.FirstName,
            "lastname" or "surname" or "familyname" => ImportColumn.LastName,
            "phone" or "phonenumber" or "mobile" => ImportColumn.Phone,
            "externalid" or "externaluserid" => ImportColumn.ExternalId,
            "department" => ImportColumn.Department,
            "position" or "jobtitle" => ImportColumn.Position,
            // Other Ukrainian spellings of the same headers.
            "пошта" or "електроннапошта" or "електроннаадреса" or "імейл" => ImportColumn.Email,
            "імя" => ImportColumn.FirstName,
            "прізвище" => ImportColumn.LastName,
            "телефон" or "номертелефону" => ImportColumn.Phone,
            "зовнішнійід" or "зовнішнійідентифікатор" => ImportColumn.ExternalId,
            "відділ" or "підрозділ" => ImportColumn.Department,
            "посада" => ImportColumn.Position,
            _ => null,
        };
    }
}

/// <summary>One data row of the file: its row number as a spreadsheet shows it (the header is row 1) and its cells, trimmed.</summary>
public sealed record ImportRow(int RowNumber, IReadOnlyDictionary<ImportColumn, string> Cells)
{
    public string Get(ImportColumn column) => Cells.TryGetValue(column, out var value) ? value : "";

    public string? Optional(ImportColumn column) => Cells.TryGetValue(column, out var value) && value.Length > 0 ? value : null;
}

/// <summary>The rows of a file that could be read, and the header cells that were not import columns (ignored, and said so).</summary>
public sealed record ImportTable(IReadOnlyList<ImportRow> Rows, IReadOnlyList<string> IgnoredColumns);

/// <summary>
/// Reads an import file — CSV with CsvHelper, XLSX with MiniExcel; no parser of our own. Every cell is read as the text it
/// holds: nothing is evaluated, and a cell that looks like a formula (= + - @) is kept as typed (exports escape it, and
/// the apostrophe of that escape is taken off again, so an export imports back unchanged).
/// Refuses, with a message a person can act on: a file too large, too many rows, a first row that is not the header,
/// a malformed file.
/// </summary>
public static class ImportFile
{
    public const int MaxRows = 5000;
    public const long MaxBytes = 5 * 1024 * 1024;
    /// <summary>No field of a person is longer; a longer cell is an error of its row, not a reason to hold it.</summary>
    public const int MaxCellLength = 1000;

    /// <summary>
    /// Rows read in all, empty ones included: a spreadsheet's own empty rows are skipped, but a tiny workbook can claim
    /// billions of them (its row numbers jump), and each would be read.
    /// </summary>
    public const int MaxRowsRead = MaxRows * 4;
    public const int MaxColumns = 100;
    /// <summary>An .xlsx is a zip: its parts together may not unpack beyond this, whatever the file's own size.</summary>
    public const long MaxUnpackedBytes = 50 * 1024 * 1024;
    private const int MaxIgnoredShown = 20;

    // Properties, not fields: each reader gets their own language.
    public static string TooWide => Messages.Say("The file has more than {0} columns. Keep only the columns of the template.", MaxColumns);
    public static string TooLarge => Messages.Say("The file is larger than {0} MB. Split it into smaller files.", MaxBytes / 1024 / 1024);
    public static string TooManyRows => Messages.Say("The file has more than {0:N0} rows. Split it into files of at most {0:N0} people.", MaxRows);

    public static bool IsXlsx(string fileName) => fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    public static bool IsSupported(string fileName) =>
        IsXlsx(fileName) || fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads at most <see cref="MaxBytes"/> of <paramref name="content"/>; more is refused without reading on.</summary>
    public static async Task<Result<ImportTable>> ReadAsync(Stream content, string fileName, CancellationToken ct = default)
    {
        if (!IsSupported(fileName))
        {
            return Fail(Messages.Say("Choose a .csv or .xlsx file."));
        }
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return Fail(TooLarge);
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            return Fail(Messages.Say("The file is empty."));
        }
        buffer.Position = 0;
        return IsXlsx(fileName) ? ReadXlsx(buffer, ct) : ReadCsv(buffer);
    }

    private static Result<ImportTable> ReadCsv(MemoryStream content)
    {
        var options = new CsvReaderOptions
        {
            // The header is found by hand (the first row that is not empty), so a wrong one gets a message of ours.
            HasHeader = false,
            // Spreadsheets in many countries save CSV with semicolons: the separator is detected from the first lines.
            Separator = null,
            TrimWhitespace = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            TrackLineNumbers = true,
        };
        try
        {
            using var csv = CsvReader.Create(new ReadOnlyMemory<byte>(content.GetBuffer(), 0, (int)content.Length), options);
            string[]? header = null;
            var records = new List<(int Row, string[] Cells)>();
            while (csv.Read())
            {
                var record = csv.Current.ToArray();
                if (record.Length > MaxColumns)
                {
                    return Fail(TooWide);
                }
                if (record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                if (header is null)
                {
                    header = record;
                    continue;
                }
                if (records.Count == MaxRows)
                {
                    return Fail(TooManyRows);
                }
                records.Add(((int)csv.LineNumber, record));
            }
            return Build(header, records);
        }
        catch (CsvFormatException ex)
        {
            return Fail(ex.LineNumber > 0
                ? Messages.Say("The file is not valid CSV (a quote is not closed or misplaced near row {0}). Save it again as CSV from your spreadsheet program.", ex.LineNumber)
                : Messages.Say("The file is not valid CSV. Save it again as CSV from your spreadsheet program."));
        }
    }

    private static Result<ImportTable> ReadXlsx(Stream content, CancellationToken ct)
    {
        try
        {
            if (UnpacksTooLarge(content))
            {
                return Fail(TooLarge);
            }
            string[]? header = null;
            var records = new List<(int Row, string[] Cells)>();
            var rowNumber = 0;
            foreach (IDictionary<string, object?> row in content.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                ct.ThrowIfCancellationRequested();
                if (++rowNumber > MaxRowsRead)
                {
                    return Fail(TooManyRows);
                }
                if (row.Count > MaxColumns)
                {
                    return Fail(TooWide);
                }
                var cells = row.Values.Select(Text).ToArray();
                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                if (header is null)
                {
                    header = cells;
                    continue;
                }
                if (records.Count == MaxRows)
                {
                    return Fail(TooManyRows);
                }
                records.Add((rowNumber, cells));
            }
            return Build(header, records);
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Xml.XmlException or IOException or InvalidOperationException
            or NotSupportedException or ArgumentException or IndexOutOfRangeException or FormatException or NullReferenceException)
        {
            return Fail(Messages.Say("The file could not be read as an Excel workbook (.xlsx). Save it again as .xlsx, or as CSV."));
        }
    }

    /// <summary>What the workbook's parts say they unpack to, before any is read; a zip that says too much is refused.</summary>
    private static bool UnpacksTooLarge(Stream content)
    {
        using (var zip = new System.IO.Compression.ZipArchive(content, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true))
        {
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > MaxUnpackedBytes || zip.Entries.Count > 1000)
                {
                    return true;
                }
            }
        }
        content.Position = 0;
        return false;
    }

    /// <summary>The text a spreadsheet shows for a value: numbers without exponent or thousands separators, dates as yyyy-MM-dd.</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s.Trim(),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        DateTime dt => dt.TimeOfDay == TimeSpan.Zero ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : dt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => value.ToString()?.Trim() ?? "",
    };

    private static Result<ImportTable> Build(string[]? header, List<(int Row, string[] Cells)> records)
    {
        if (header is null)
        {
            return Fail(Messages.Say("The file is empty."));
        }
        var columns = new ImportColumn?[header.Length];
        var ignored = new List<string>();
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            columns[i] = ImportColumns.Match(name);
            if (columns[i] is { } column && columns.Take(i).Contains(column))
            {
                return Fail(Messages.Say("The column \"{0}\" appears twice in the first row.", column.Title()));
            }
            if (columns[i] is null && name.Length > 0 && ignored.Count < MaxIgnoredShown)
            {
                ignored.Add(name.Length > 40 ? name[..40] + "…" : name);
            }
        }
        var missing = ImportColumns.Required.Where(c => !columns.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            var names = string.Join(", ", missing.Select(c => Messages.Say("\"{0}\"", c.Title())));
            var expected = string.Join(", ", ImportColumns.All.Select(c => c.Title()));
            return Fail(missing.Count == 1
                ? Messages.Say("The first row must name the columns; {0} is missing. Expected: {1}. Download the template to start from the right header.", names, expected)
                : Messages.Say("The first row must name the columns; {0} are missing. Expected: {1}. Download the template to start from the right header.", names, expected));
        }
        var rows = new List<ImportRow>(records.Count);
        foreach (var (row, cells) in records)
        {
            var values = new Dictionary<ImportColumn, string>();
            for (var i = 0; i < Math.Min(cells.Length, columns.Length); i++)
            {
                if (columns[i] is { } column)
                {
                    var text = Unescaped(cells[i]?.Trim() ?? "");
                    values[column] = text.Length > MaxCellLength ? text[..MaxCellLength] : text;
                }
            }
            rows.Add(new ImportRow(row, values));
        }
        if (rows.Count == 0)
        {
            return Fail(Messages.Say("The file has a header row but no people below it."));
        }
        return Result<ImportTable>.Success(new ImportTable(rows, ignored));
    }

    /// <summary>
    /// A cell our own exports escaped ("'+44 20…", see <see cref="Common.Csv"/>) reads back as it was stored; any other
    /// cell is kept exactly as typed.
    /// </summary>
    private static string Unescaped(string text) =>
        text.Length > 1 && text[0] == '\'' && text[1] is '=' or '+' or '-' or '@' ? text[1..] : text;

    private static Result<ImportTable> Fail(string message) => Result<ImportTable>.From(Result.Fail(message));
}
