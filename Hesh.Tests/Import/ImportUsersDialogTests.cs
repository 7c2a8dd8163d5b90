using Bunit;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users.Import;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Import;

/// <summary>The import dialog: choose a file, read the preview, import, read the report.</summary>
public sealed class ImportUsersDialogTests : HeshComponentTest
{
    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync()
    {
        var (owner, _) = await SeedCompanyAsync("Ines");
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<ImportUsersDialog>("Import users"));
        dialogs.WaitForElement("[data-testid=import-choose]");
        return dialogs;
    }

    private static void Upload(IRenderedComponent<MudDialogProvider> dialogs, InputFileContent file) =>
        dialogs.FindComponent<InputFile>().UploadFiles(file);

    [Fact]
    public async Task Before_a_file_it_explains_the_columns_offers_the_templates_and_no_import_button()
    {
        var dialogs = await OpenAsync();

        Assert.Contains("Assembly/Welding", dialogs.Markup);
        Assert.Equal("users/import/template.csv", dialogs.Find("[data-testid=template-csv]").GetAttribute("href"));
        Assert.Equal("users/import/template.xlsx", dialogs.Find("[data-testid=template-xlsx]").GetAttribute("href"));
        Assert.Empty(dialogs.FindAll("[data-testid=import-submit]"));
    }

    [Fact]
    public async Task A_file_with_one_bad_row_previews_counts_and_the_error_then_imports_the_rest_with_a_report()
    {
        var dialogs = await OpenAsync();

        Upload(dialogs, InputFileContent.CreateFromText($"{ImportFiles.Header}\r\nnew.person@test.hesh,New,Person,,,,\r\nbroken,Bad,Row,,,,\r\n", "people.csv"));

        dialogs.WaitForElement("[data-testid=import-counts]");
        Assert.Contains("1 to add", dialogs.Find("[data-testid=count-add]").TextContent);
        Assert.Contains("1 with errors", dialogs.Find("[data-testid=count-error]").TextContent);
        // The errors tab opens first: it is what needs attention.
        Assert.Contains("email: Enter a valid email address", dialogs.Find("[data-testid=rows-error]").TextContent);
        var submit = dialogs.Find("[data-testid=import-submit]");
        Assert.Contains("Import 1 user", submit.TextContent);

        await submit.ClickAsync(new());

        dialogs.WaitForElement("[data-testid=import-done]", TimeSpan.FromSeconds(10));
        Assert.Contains("1 user created as Pending and invited", dialogs.Find("[data-testid=import-done]").TextContent);
        Assert.Contains("1 not imported", dialogs.Find("[data-testid=import-done]").TextContent);
        Assert.Matches("^users/import/reports/[0-9a-f]{32}\\.csv$", dialogs.Find("[data-testid=import-report]").GetAttribute("href"));
        var rows = dialogs.Find("[data-testid=report-rows]").TextContent;
        Assert.Contains("Created · invited", rows);
        Assert.Contains("Not imported · email:", rows);
    }

    [Fact]
    public async Task A_wrong_header_shows_the_message_and_stays_on_the_file_step()
    {
        var dialogs = await OpenAsync();

        Upload(dialogs, InputFileContent.CreateFromText("Name,Mail\r\nAnn,ann@test.hesh\r\n", "people.csv"));

        dialogs.WaitForAssertion(() => Assert.Contains("The first row must name the columns", dialogs.Find("[data-testid=import-error]").TextContent));
        Assert.NotEmpty(dialogs.FindAll("[data-testid=import-choose]"));
        Assert.Empty(dialogs.FindAll("[data-testid=import-submit]"));
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_before_it_is_uploaded()
    {
        var dialogs = await OpenAsync();

        Upload(dialogs, InputFileContent.CreateFromBinary(new byte[6 * 1024 * 1024], "people.csv"));

        dialogs.WaitForAssertion(() => Assert.Contains("larger than 5 MB", dialogs.Find("[data-testid=import-error]").TextContent));
    }

    [Fact]
    public async Task A_file_where_everyone_exists_offers_no_import()
    {
        var dialogs = await OpenAsync();

        Upload(dialogs, InputFileContent.CreateFromText($"{ImportFiles.Header}\r\nines@test.hesh,Ines,Owner,,,,\r\n", "people.csv"));

        dialogs.WaitForElement("[data-testid=import-counts]");
        Assert.Contains("1 skipped", dialogs.Find("[data-testid=count-skip]").TextContent);
        Assert.True(dialogs.Find("[data-testid=import-submit]").HasAttribute("disabled"));
    }
}
