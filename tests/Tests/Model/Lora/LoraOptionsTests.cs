using SelfInstruct.Model.Lora;
using Xunit;

namespace SelfInstruct.Tests.Model.Lora;

public sealed class LoraOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_scale_by_alpha_over_rank()
    {
        var options = new LoraOptions();

        var problems = options.Problems();

        Assert.Empty(problems);
        Assert.Equal((8, 16.0, 0.05), (options.Rank, options.Alpha, options.Dropout));
        Assert.Equal(["q_proj", "v_proj"], options.TargetModules);
        Assert.Equal(2.0, options.Scaling);
    }

    [Fact]
    public void Reports_every_problem_at_once()
    {
        var options = new LoraOptions
        {
            Rank = 0,
            Alpha = -1,
            Dropout = 1,
            TargetModules = ["q_proj", "lm_head", "q_proj"],
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(
        [
            "rank must be at least 1, found 0",
            "alpha must be positive, found -1",
            "dropout must lie in [0, 1), found 1",
            "targets: 'lm_head' is not a linear layer of the model; expected one of q_proj, k_proj, v_proj, " +
                "o_proj, gate_proj, up_proj, down_proj",
            "targets: 'q_proj' is listed 2 times",
        ], options.Problems());
        Assert.Equal($"LoRA options: {string.Join("; ", options.Problems())}", error.Message);
    }

    [Fact]
    public void Needs_at_least_one_target()
    {
        var options = new LoraOptions { TargetModules = [] };

        var problems = options.Problems();

        Assert.Equal(["targets must name at least one linear layer, found none"], problems);
    }
}
