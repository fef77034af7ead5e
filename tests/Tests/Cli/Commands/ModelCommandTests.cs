using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Model.Tokenization;
using SelfInstruct.Tests.Model;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Cli.Commands;

[Collection(TorchSharpTests.Name)]
public sealed class ModelCommandTests
{
    [Fact]
    public async Task Init_writes_a_seeded_checkpoint_that_info_describes()
    {
        using var folder = new TemporaryFolder();
        var output = Path.Combine(folder.Path, "qwen");

        var init = await CliRunner.RunAsync("", "model", "init", "--arch", "qwen2", "--seed", "5", "--out", output);
        var info = await CliRunner.RunAsync("", "model", "info", output);

        Assert.Equal(0, init.ExitCode);
        Assert.Equal(0, info.ExitCode);
        using var model = LocalModel.Load(output);
        Assert.Equal(ModelArchitecture.Qwen2, model.Model.Config.Architecture);
        var parameters = model.Model.Config.ParameterCount().ToString("N0", CultureInfo.InvariantCulture);
        Assert.Matches($@"architecture\s+qwen2\s", info.Output);
        Assert.Matches($@"parameters\s+{parameters}\s", info.Output);
        Assert.Matches(@"dtype\s+float32\s", info.Output);
        Assert.Matches(@"tokenizer\s+GPT-2 byte-level BPE, 257 tokens, 0 merges\s", info.Output);
        Assert.Matches(@"context length\s+256\s", info.Output);
        Assert.Matches(@"features\s+biases on q/k/v\s", info.Output);
    }

    [Theory]
    [InlineData("qwen3", ModelArchitecture.Qwen3, "q/k norm")]
    [InlineData("mistral", ModelArchitecture.Mistral, "sliding window 128 in layers 0–1")]
    [InlineData("gemma2", ModelArchitecture.Gemma2,
        "sliding window 128 in layers 0; query_pre_attn_scalar 16; attention soft-cap 50; logit soft-cap 30")]
    [InlineData("gemma3", ModelArchitecture.Gemma3,
        "sliding window 128 in layers 0–1; local rope theta 10000; q/k norm; query_pre_attn_scalar 16")]
    [InlineData("phi3", ModelArchitecture.Phi3, "fused qkv_proj and gate_up_proj")]
    [InlineData("smollm3", ModelArchitecture.SmolLm3, "none")]
    public async Task Init_makes_the_newer_families_and_info_names_their_features(
        string arch, ModelArchitecture architecture, string features)
    {
        using var folder = new TemporaryFolder();
        var output = Path.Combine(folder.Path, arch);

        var init = await CliRunner.RunAsync("", "model", "init", "--arch", arch, "--out", output);
        var info = await CliRunner.RunAsync("", "model", "info", output);

        Assert.Equal(0, init.ExitCode);
        using var model = LocalModel.Load(output);
        Assert.Equal(architecture, model.Model.Config.Architecture);
        Assert.Equal(model.Model.Config.ParameterCount(), Checkpoint.CountParameters(output));
        Assert.Matches($@"architecture\s+{arch}\s", info.Output);
        Assert.Matches($@"features\s+{features}\s", info.Output);
    }

    [Fact]
    public async Task Info_names_rope_scaling_and_biases_and_the_stretched_context()
    {
        var llama3 = await CliRunner.RunAsync("", "model", "info", ModelFixture.Folder("llama-llama3-bias"));
        var dynamic = await CliRunner.RunAsync("", "model", "info", ModelFixture.Folder("llama-dynamic"));

        Assert.Equal(0, llama3.ExitCode);
        Assert.Matches(@"features\s+rope scaling llama3 × 8 from 512 positions; biases on q/k/v, output, MLP\s",
            llama3.Output);
        Assert.Matches(@"features\s+rope scaling dynamic × 2\s", dynamic.Output);
        Assert.Matches(@"context length\s+20 \(max_position_embeddings 10 stretched by the rope scaling\)\s",
            dynamic.Output);
    }

    [Fact]
    public async Task Init_trains_a_bpe_tokenizer_on_the_seed_tasks_and_a_text_file()
    {
        using var folder = new TemporaryFolder();
        var text = folder.File("notes.txt");
        await File.WriteAllTextAsync(text, string.Concat(Enumerable.Repeat("Zyzzyva quux. ", 5000)));
        var output = Path.Combine(folder.Path, "gpt2");

        var init = await CliRunner.RunAsync("", "model", "init", "--arch", "gpt2", "--tokenizer", "bpe",
            "--vocab-size", "300", "--tokenizer-corpus", RepositoryRoot.PathTo("data/seed_tasks.jsonl"),
            "--tokenizer-corpus", text, "--out", output);

        Assert.Equal(0, init.ExitCode);
        Assert.Matches(@"tokenizer\s+GPT-2 byte-level BPE, 300 tokens, 43 merges\s", init.Output);
        var tokenizer = ModelTokenizer.Load(output);
        Assert.Equal(299, tokenizer.EosTokenId);
        Assert.Single(tokenizer.Encode(" quux"));
    }

    [Fact]
    public async Task Init_refuses_a_vocabulary_smaller_than_the_bytes()
    {
        using var folder = new TemporaryFolder();

        var init = await CliRunner.RunAsync("", "model", "init", "--tokenizer", "bpe", "--vocab-size", "100",
            "--out", folder.File("model"));

        Assert.NotEqual(0, init.ExitCode);
        Assert.Contains("vocab_size must be at least 257 (the bytes and <|endoftext|>), found 100", init.Error);
        Assert.False(Directory.Exists(folder.File("model")));
    }

    [SharedDataFact]
    public async Task Info_counts_the_parameters_a_real_checkpoint_stores()
    {
        var folder = ReferenceFixture.Folder("tiny-gpt2");

        var info = await CliRunner.RunAsync("", "model", "info", folder);

        Assert.Equal(0, info.ExitCode);
        var config = HfConfigFile.Read(Path.Combine(folder, "config.json"));
        Assert.Equal(config.ParameterCount(), Checkpoint.CountParameters(folder));
        Assert.Matches(@"architecture\s+gpt2\s", info.Output);
        Assert.Matches(@"context length\s+128\s", info.Output);
        Assert.Matches(@"tokenizer\s+GPT-2 byte-level BPE, 512 tokens, 255 merges\s", info.Output);
    }

    [Fact]
    public async Task Init_help_teaches_the_defaults()
    {
        var help = await CliRunner.RunAsync("", "model", "init", "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("[default: llama]", help.Output);
        Assert.Contains("[default: tiny]", help.Output);
        Assert.Contains("[default: byte]", help.Output);
    }

    [Fact]
    public async Task Info_fails_with_one_line_naming_a_missing_folder()
    {
        using var folder = new TemporaryFolder();
        var missing = folder.File("nothing");

        var result = await CliRunner.RunAsync("", "model", "info", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"selfinstruct: {missing}: no such checkpoint folder", result.Error.TrimEnd());
    }
}
