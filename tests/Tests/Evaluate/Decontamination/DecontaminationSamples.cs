using SelfInstruct.Evaluate.Decontamination;
using SelfInstruct.Evaluate.Sets;

namespace SelfInstruct.Tests.Evaluate.Decontamination;

/// <summary>
/// An evaluation set and a generated dataset with two planted overlaps: task <c>near-copy</c> rewords an evaluation
/// instruction by one word, task <c>copied-instance</c> carries an evaluation instance's input; the others are
/// unrelated, one sharing a run of 12 tokens with an instance, one short of the 13 that flag it.
/// </summary>
internal static class DecontaminationSamples
{
    public const string EvaluationInstruction =
        "Classify the sentiment of the given movie review as positive or negative.";

    public const string EvaluationInput =
        "The quick brown fox jumps over the lazy dog while the farmer watches from the porch of his house.";

    public static NamedEvaluationSet Set() => new("eval", new EvaluationSet(EvaluationSetKind.SuperNi, "/eval",
    [
        Task("task1_sentiment", EvaluationInstruction,
            new EvaluationInstance("task1-0", "I loved every minute of this film.", ["positive"])),
        Task("task2_story", "Continue the story in one sentence.",
            new EvaluationInstance("task2-0", EvaluationInput, ["The dog did not wake up."])),
    ], []));

    public static List<DatasetRow> Rows() =>
    [
        Row("unrelated-1", "Write a haiku about autumn leaves.", "", "Red leaves drift and fall."),
        Row("near-copy", "Classify the sentiment of the given film review as positive or negative.",
            "A dull and far too long film.", "negative"),
        Row("unrelated-2", "Convert the temperature from Celsius to Fahrenheit.", "20 C", "68 F"),
        Row("copied-instance", "Summarise the text in five words.", EvaluationInput, "A fox jumps a dog."),
        Row("copied-instance", "Summarise the text in five words.", "Rain fell all day.", "It rained all day."),
        // The first 12 tokens of the evaluation input, then other words: one token short of a shared 13-gram.
        Row("twelve-tokens", "Describe the scene.",
            "The quick brown fox jumps over the lazy dog while the farmer sleeps inside.", "A farm."),
    ];

    private static EvaluationTask Task(string id, string instruction, EvaluationInstance instance) =>
        new(id, "category", instruction, [], [instance], null);

    private static DatasetRow Row(string task, string instruction, string input, string output) => new()
    {
        TaskId = task,
        Instruction = instruction,
        Input = input,
        Output = output,
        Origin = TaskOrigin.Machine,
    };
}
