using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Core.Formats;

public sealed class AlpacaJsonTests
{
    [Fact]
    public async Task Round_trips_examples()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("alpaca.json");
        AlpacaExample[] examples =
        [
            new("Give three tips for staying healthy.", "", "1. Eat well.\n2. Move.\n3. Sleep."),
            new("Translate to French.", "Good morning", "Bonjour"),
        ];

        await AlpacaJson.WriteAsync(path, examples, CancellationToken.None);
        var read = await AlpacaJson.ReadAsync(path, CancellationToken.None);

        Assert.Equal(examples, read);
    }

    [Fact]
    public async Task Reads_a_missing_input_as_empty()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("alpaca.json");
        await File.WriteAllTextAsync(path, "[{\"instruction\": \"Name a color.\", \"output\": \"Blue\"}]");

        var read = await AlpacaJson.ReadAsync(path, CancellationToken.None);

        Assert.Equal(new AlpacaExample("Name a color.", "", "Blue"), read.Single());
    }

    [Fact]
    public async Task Reports_the_line_where_a_bad_example_starts()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("alpaca.json");
        await File.WriteAllTextAsync(path,
            "[\n  {\"instruction\": \"Name a color.\", \"output\": \"Blue\"},\n  {\n    \"instruction\": \"Add.\",\n" +
            "    \"output\": 4\n  }\n]\n");

        var exception = await Assert.ThrowsAsync<InvalidDataException>(
            () => AlpacaJson.ReadAsync(path, CancellationToken.None));

        Assert.Equal($"{path}:3: output: expected a string, found the number 4", exception.Message);
    }

    [Fact]
    public async Task Reports_invalid_json_with_its_line()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("alpaca.json");
        await File.WriteAllTextAsync(path, "[\n  {\"instruction\": \"Name a color.\",\n  \"output\": \"Blue\"\n");

        var exception = await Assert.ThrowsAsync<InvalidDataException>(
            () => AlpacaJson.ReadAsync(path, CancellationToken.None));

        Assert.StartsWith($"{path}:", exception.Message);
        Assert.Contains(": json: expected valid JSON", exception.Message);
    }
}
