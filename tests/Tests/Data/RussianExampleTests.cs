using SelfInstruct.Generate.Filtering;
using SelfInstruct.Generate.Prompts;
using SelfInstruct.Model.Tokenization;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Data;

/// <summary>
/// The Russian example, data/examples/ru: its seed pool loads, suits unicode text mode, and a BPE trained on it as
/// <c>model init --tokenizer bpe</c> trains one round-trips every text; its templates and blacklist load.
/// </summary>
public sealed class RussianExampleTests
{
    private const string Folder = "data/examples/ru";

    private static readonly Lazy<IReadOnlyList<SeedTask>> _seeds = new(() =>
        SeedTaskJsonl.ReadAsync(RepositoryRoot.PathTo($"{Folder}/seed_tasks.jsonl"), CancellationToken.None).Result);

    [Fact]
    public void Holds_34_tasks_with_ordered_ids_unique_names_and_instances()
    {
        var seeds = _seeds.Value;

        Assert.Equal(Enumerable.Range(0, 34).Select(index => $"ru_seed_task_{index}"), seeds.Select(task => task.Id));
        Assert.Equal(34, seeds.Select(task => task.Name).Distinct().Count());
        Assert.All(seeds, task => Assert.NotEmpty(task.Instances));
        Assert.All(seeds, task => Assert.All(task.Instances, instance => Assert.NotEmpty(instance.Output)));
    }

    [Fact]
    public void Has_classification_tasks_whose_outputs_are_labels_the_instruction_states()
    {
        var classification = _seeds.Value.Where(task => task.IsClassification).ToList();

        Assert.Equal(8, classification.Count);
        Assert.All(classification, task => Assert.All(task.Instances, instance => Assert.Contains(
            instance.Output.Trim(), task.Instruction, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Passes_every_heuristic_in_unicode_mode_with_the_russian_blacklist_and_none_in_english_mode()
    {
        var keywords = KeywordBlacklist.Read(RepositoryRoot.PathTo($"{Folder}/blacklist.txt"));
        var unicode = new InstructionFilter(mode: TextMode.Unicode, keywords: keywords);
        var english = new InstructionFilter();

        var rejected = _seeds.Value.Where(task => unicode.Rejection(task.Instruction) is not null).Select(task => task.Id);
        var passedEnglish = _seeds.Value.Where(task => english.Rejection(task.Instruction) is null);

        Assert.Empty(rejected);
        Assert.Empty(passedEnglish);
        Assert.Equal(InstructionFilter.BlacklistedKeyword, unicode.Rejection("Опишите, что изображено на фотографии."));
        Assert.Contains("нарисуйте", keywords);
    }

    [Fact]
    public void Has_no_two_instructions_with_unicode_rouge_l_above_0_7()
    {
        var pool = new SimilarityPool(mode: TextMode.Unicode);

        var tooSimilar = new List<string>();
        foreach (var task in _seeds.Value)
        {
            if (pool.Score(task.Instruction, mostSimilarCount: 0).MaxScore > 0.7)
            {
                tooSimilar.Add(task.Id);
            }
            pool.Add(task.Instruction);
        }

        Assert.Empty(tooSimilar);
    }

    [Fact]
    public async Task Loads_the_four_russian_templates_with_their_versions()
    {
        var templates = await PromptTemplates.LoadAsync(RepositoryRoot.PathTo($"{Folder}/templates"),
            CancellationToken.None);

        Assert.Equal(
            "instruction-generation@ru-1,classification-identification@ru-1,instances-input-first@ru-1," +
            "instances-output-first@ru-1", templates.Version);
        Assert.Contains("Продолжите список", templates.InstructionGeneration.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trains_a_bpe_on_the_seeds_and_templates_that_round_trips_every_seed_text()
    {
        // What model init --tokenizer bpe --tokenizer-corpus reads: a dataset's instructions, inputs and outputs,
        // and text files whole.
        var dataset = await DatasetFiles.ReadAsync(RepositoryRoot.PathTo($"{Folder}/seed_tasks.jsonl"), null,
            CancellationToken.None);
        var texts = dataset.Rows.SelectMany(row => new[] { row.Instruction, row.Input, row.Output }).ToList();
        var templateTexts = Directory.GetFiles(RepositoryRoot.PathTo($"{Folder}/templates"), "*.txt")
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText);
        var tokenizer = BpeTrainer.Train(texts.Concat(templateTexts), 1024);

        var broken = texts.Where(text => tokenizer.Decode(tokenizer.Encode(text)) != text).ToList();
        var tokens = texts.Sum(text => tokenizer.Encode(text).Count);
        var bytes = texts.Sum(Encoding.UTF8.GetByteCount);

        Assert.Equal(34, dataset.Rows.Select(row => row.TaskId).Distinct().Count());
        Assert.Empty(broken);
        Assert.Equal(1024, tokenizer.VocabSize);
        // Measured: 3,655 tokens for 15,641 bytes (23%); Cyrillic takes two bytes a letter, so bytes would be many more.
        Assert.InRange(tokens, 1, bytes * 30 / 100);
    }
}
