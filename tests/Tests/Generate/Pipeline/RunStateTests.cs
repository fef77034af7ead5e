using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Filtering;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate.Pipeline;

public sealed class RunStateTests
{
    private static readonly string[] _seeds = ["写一首关于大海的诗。", "Напишите короткое стихотворение о море."];

    [Fact]
    public async Task Filters_in_the_configured_text_mode_with_the_configured_blacklist()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllLinesAsync(folder.File("blacklist.txt"), ["图片"]);
        var config = await ReadConfigAsync(folder,
            $$"""{ "text_mode": "unicode", "blacklist": {{JsonSerializer.Serialize(folder.File("blacklist.txt"))}} }""");

        var state = RunState.Replay(_seeds, [], config);

        Assert.Equal(TextMode.Unicode, state.Pool.Mode);
        Assert.Equal(TextMode.Unicode, state.SeedPool.Mode);
        Assert.Equal(BootstrapFilter.TooSimilar, state.Filter.Consider("请写一首关于大海的诗").Rejection);
        Assert.Equal(InstructionFilter.BlacklistedKeyword, state.Filter.Consider("请描述这张图片中的人物").Rejection);
        Assert.Null(state.Filter.Consider("Объясните, почему небо голубое.").Rejection);
        Assert.Equal(3, state.Pool.Count);
    }

    [Fact]
    public void Keeps_the_released_codes_english_rules_by_default()
    {
        var state = RunState.Replay(_seeds, [], new GenerationConfig());

        Assert.Equal(TextMode.English, state.Pool.Mode);
        Assert.Equal(InstructionFilter.TooShort, state.Filter.Consider("列出三个学习编程的理由。").Rejection);
        Assert.Equal(InstructionFilter.NonAsciiStart, state.Filter.Consider("Объясните, почему небо голубое.").Rejection);
    }

    private static async Task<GenerationConfig> ReadConfigAsync(TemporaryFolder folder, string json)
    {
        await File.WriteAllTextAsync(folder.File("run.json"), json);
        return await GenerationConfigFile.ReadAsync(folder.File("run.json"), CancellationToken.None);
    }
}
