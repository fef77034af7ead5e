using SelfInstruct.Cli.View;
using Xunit;

namespace SelfInstruct.Tests.View;

public sealed class RunFolderTests
{
    [Fact]
    public async Task Tells_a_pipeline_run_its_generate_folder_and_an_evaluate_folder_apart()
    {
        using var run = await ViewRunFolder.CreateAsync();
        var evaluate = Path.Combine(run.Root, "evaluate");

        var pipeline = RunFolder.Detect(run.Root);
        var generate = RunFolder.Detect(run.Generate);
        var evaluation = RunFolder.Detect(evaluate);

        Assert.Equal((RunFolderKind.Pipeline, run.Generate, evaluate),
            (pipeline.Kind, pipeline.GenerateFolder, pipeline.EvaluateFolder));
        Assert.Equal((RunFolderKind.Generate, run.Generate, null),
            (generate.Kind, generate.GenerateFolder, generate.EvaluateFolder));
        Assert.Equal((RunFolderKind.Evaluate, null, evaluate),
            (evaluation.Kind, evaluation.GenerateFolder, evaluation.EvaluateFolder));
        Assert.Null(evaluation.DatasetFile);
    }

    [Theory]
    [InlineData("../outside.png")]
    [InlineData("generate/../../outside.png")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    [InlineData("generate/\0.png")]
    public async Task Resolves_no_path_outside_the_folder(string relative)
    {
        using var run = await ViewRunFolder.CreateAsync();

        Assert.Null(RunFolder.Detect(run.Root).Inside(relative));
        Assert.Equal(Path.Combine(run.Generate, "a.png"), RunFolder.Detect(run.Root).Inside("generate/a.png"));
    }
}
