using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Model;
using SelfInstruct.Model.Tokenization;
using SelfInstruct.Tests.Support;

namespace SelfInstruct.Tests.Finetune.Training;

/// <summary>
/// A two-layer byte-level model and twenty short Alpaca examples in a temporary folder, with settings that train in
/// about a second.
/// </summary>
internal sealed class TinyRun : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    private TinyRun()
    {
    }

    public FinetuneConfig Config { get; private set; } = new();

    public string Path => _folder.Path;

    public static async Task<TinyRun> CreateAsync()
    {
        var run = new TinyRun();
        var tokenizer = ModelTokenizer.CreateByteLevel();
        var config = new ModelConfig
        {
            VocabSize = tokenizer.VocabSize,
            HiddenSize = 32,
            IntermediateSize = 64,
            HeadCount = 2,
            KeyValueHeadCount = 2,
            HeadDimension = 16,
            MaxPositions = 64,
        };
        using (var model = LocalModel.Create(config, tokenizer, seed: 7))
        {
            await model.SaveAsync(run._folder.File("base"), CancellationToken.None);
        }
        var examples = Enumerable.Range(0, 20).Select(index => new
        {
            instruction = $"Repeat w{index}.",
            input = index % 2 == 0 ? "" : "twice",
            output = $"w{index} w{index}",
        });
        await File.WriteAllTextAsync(run._folder.File("data.json"), JsonSerializer.Serialize(examples));
        run.Config = new FinetuneConfig
        {
            BaseModel = run._folder.File("base"),
            Data = run._folder.File("data.json"),
            Output = run._folder.File("out"),
            ValidationFraction = 0.2,
            MaxSteps = 6,
            LearningRate = 3e-3,
            WarmupRatio = 0,
            BatchSize = 4,
            Threads = 1,
            LoggingSteps = 1,
            EvalSteps = 0,
            SaveSteps = 0,
            Device = TrainingDevice.Cpu,
        };
        return run;
    }

    public void Dispose() => _folder.Dispose();
}
