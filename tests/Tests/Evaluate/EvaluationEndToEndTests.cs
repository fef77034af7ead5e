using System.Xml;
using SelfInstruct.Evaluate.Reports;
using SelfInstruct.Evaluate.Runs;
using SelfInstruct.Model;
using SelfInstruct.Model.Tokenization;
using SelfInstruct.Tests.Cli;
using SelfInstruct.Tests.Model;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Evaluate;

[Collection(TorchSharpTests.Name)]
public sealed class EvaluationEndToEndTests
{
    [Fact]
    public async Task Evaluates_two_tiny_checkpoints_and_writes_every_output_file()
    {
        using var folder = new TemporaryFolder();
        var baseModel = await CheckpointAsync(folder.File("base"), seed: 1, stored: false);
        var tuned = await CheckpointAsync(folder.File("tuned"), seed: 2, stored: true);
        var output = folder.File("out");

        var result = await CliRunner.RunAsync("", "evaluate", "--out", output, "--model", $"base={baseModel}",
            "--model", $"tuned={tuned}", "--superni", RepositoryRoot.PathTo(Path.Combine("data", "eval")),
            "--max-instances-per-task", "3", "--max-new-tokens", "3");

        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var file in new[]
                 {
                     ResultsFiles.ResultsFileName, ResultsFiles.PredictionsFileName, PredictionJournal.FileName,
                     ReportWriter.MarkdownFileName, ReportWriter.HtmlFileName, "headline.png", "categories.png",
                     "win-tie-loss.png", "task-deltas-tuned.png", "output-lengths.png",
                 })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        }
        var results = await ResultsFiles.ReadResultsAsync(output, CancellationToken.None);
        Assert.Equal("self-instruct", results.Models[1].StoredPromptFormat);
        Assert.Equal(SelfInstruct.Evaluate.Configuration.PromptStyle.SelfInstruct, results.Prompt);
        Assert.Equal(36, results.Models[0].Overall.Count);
        var comparison = results.Comparison("tuned")!;
        Assert.Equal(("base", 36), (comparison.Baseline, comparison.RougeL.Count));
        Assert.InRange(comparison.RougeL.Mean, comparison.RougeL.Lower, comparison.RougeL.Upper);
        Assert.Equal(12, comparison.Wins + comparison.Ties + comparison.Losses);
        Assert.Equal(5, results.Models[0].Classification.Count);
        Assert.True(File.Exists(Path.Combine(output, "confusion-tuned-selfinstruct_task01_entailment.png")));
        var predictions = await ResultsFiles.ReadPredictionsAsync(output, CancellationToken.None);
        Assert.Equal(72, predictions.Count);
        AssertSelfContainedHtml(File.ReadAllText(Path.Combine(output, ReportWriter.HtmlFileName)));
    }

    [Fact]
    public async Task Rebuilds_the_report_from_the_results_without_running_models()
    {
        using var folder = new TemporaryFolder();
        var model = await CheckpointAsync(folder.File("model"), seed: 3, stored: false);
        var output = folder.File("out");
        await CliRunner.RunAsync("", "evaluate", "--out", output, "--model", $"only={model}", "--superni",
            RepositoryRoot.PathTo(Path.Combine("data", "eval")), "--max-instances-per-task", "1",
            "--max-new-tokens", "2");
        File.Delete(Path.Combine(output, ReportWriter.HtmlFileName));
        Directory.Move(folder.File("model"), folder.File("gone"));

        var result = await CliRunner.RunAsync("", "report", output);

        Assert.True(result.ExitCode == 0, result.Error);
        AssertSelfContainedHtml(File.ReadAllText(Path.Combine(output, ReportWriter.HtmlFileName)));
    }

    private static async Task<string> CheckpointAsync(string path, long seed, bool stored)
    {
        var tokenizer = ModelTokenizer.CreateByteLevel();
        using var model = LocalModel.Create(
            ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Tiny, tokenizer.VocabSize), tokenizer, seed);
        await model.SaveAsync(path, CancellationToken.None);
        if (stored)
        {
            await PromptFormatFile.WriteAsync(path, PromptFormatKind.SelfInstruct, CancellationToken.None);
        }
        return path;
    }

    private static void AssertSelfContainedHtml(string html)
    {
        var document = new XmlDocument { XmlResolver = null };
        using (var reader = XmlReader.Create(new StringReader(html),
                   new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null }))
        {
            document.Load(reader);
        }
        var images = document.GetElementsByTagName("img").Cast<XmlElement>().ToList();
        Assert.NotEmpty(images);
        Assert.All(images, image =>
            Assert.StartsWith("data:image/png;base64,", image.GetAttribute("src"), StringComparison.Ordinal));
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }
}
