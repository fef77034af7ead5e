using Xunit;

namespace SelfInstruct.Tests.Cli.Commands;

public sealed class RougeCommandTests
{
    [Fact]
    public async Task Adds_scores_to_each_line_keeping_its_fields_and_reports_bad_lines()
    {
        const string Input = """
            {"id": 1, "prediction": "the cat sat", "reference": "the cat sat on the mat"}

            {"id": 2, "prediction": "no reference"}
            {"id": 3, "prediction": "Dogs", "reference": "dogs"}
            """;

        var result = await CliRunner.RunAsync(Input, "rouge");

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(1, result.ExitCode);
        Assert.Equal([1, 3], lines.Select(line => line.GetProperty("id").GetInt32()));
        Assert.Equal(0.5, lines[0].GetProperty("rougeL").GetProperty("recall").GetDouble());
        Assert.Equal(0.6666666666666666, lines[0].GetProperty("rougeL").GetProperty("fmeasure").GetDouble());
        Assert.Equal(1.0, lines[1].GetProperty("rougeL").GetProperty("fmeasure").GetDouble());
        Assert.Contains("<stdin>:3: reference: expected a value, found no such field", result.Error);
        Assert.Contains("1 of 4 lines skipped", result.Error);
    }

    [Fact]
    public async Task Stems_when_asked()
    {
        const string Input = """{"prediction": "running dogs", "reference": "run dog"}""";

        var plain = await CliRunner.RunAsync(Input, "rouge");
        var stemmed = await CliRunner.RunAsync(Input, "rouge", "--stem");

        Assert.Contains("\"fmeasure\":0", plain.Output);
        Assert.Contains("\"fmeasure\":1", stemmed.Output);
    }

    [Fact]
    public async Task Scores_the_superni_metric_as_the_max_over_references()
    {
        const string Input = """{"prediction": "Yes.", "references": ["No", "yes"]}""";

        var result = await CliRunner.RunAsync(Input, "rouge", "--superni");

        var line = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, line.GetProperty("exact_match").GetInt32());
        Assert.Equal(1.0, line.GetProperty("rougeL").GetDouble());
        Assert.Equal("Yes.", line.GetProperty("prediction").GetString());
    }

    [Fact]
    public async Task Scores_any_script_in_unicode_text_mode()
    {
        const string Input = """{"prediction": "请写一首关于月亮的诗", "reference": "写一首关于大海的诗。"}""";

        var english = await CliRunner.RunAsync(Input, "rouge");
        var unicode = await CliRunner.RunAsync(Input, "rouge", "--text-mode", "unicode");

        Assert.Equal(0, unicode.ExitCode);
        Assert.Contains("\"fmeasure\":0}", english.Output, StringComparison.Ordinal);
        var score = JsonDocument.Parse(unicode.Output).RootElement.GetProperty("rougeL");
        Assert.Equal(0.7, score.GetProperty("precision").GetDouble());
        Assert.Equal(14.0 / 19.0, score.GetProperty("fmeasure").GetDouble(), 1e-12);
    }

    [Fact]
    public async Task Refuses_stemming_in_unicode_text_mode()
    {
        var result = await CliRunner.RunAsync("", "rouge", "--text-mode", "unicode", "--stem");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--text-mode unicode has no stemmer", result.Error + result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scores_superni_references_in_any_script_in_unicode_text_mode()
    {
        const string Input = """{"prediction": "是。", "references": ["否", "是"]}""";

        var english = await CliRunner.RunAsync(Input, "rouge", "--superni");
        var unicode = await CliRunner.RunAsync(Input, "rouge", "--superni", "--text-mode", "unicode");

        Assert.Equal(0, unicode.ExitCode);
        Assert.Contains("\"exact_match\":0,\"rougeL\":0}", english.Output, StringComparison.Ordinal);
        Assert.Contains("\"exact_match\":1,\"rougeL\":1}", unicode.Output, StringComparison.Ordinal);
    }
}
