using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Tests.Support;
using TorchSharp;
using Xunit;

namespace SelfInstruct.Tests.Model;

[Collection(TorchSharpTests.Name)]
public sealed class ModelPresetsTests
{
    private const int VocabSize = 1000;

    [Fact]
    public void Every_preset_of_every_architecture_keeps_its_approved_checkpoint_names_and_shapes()
    {
        var listing = new StringBuilder();

        foreach (var architecture in Enum.GetValues<ModelArchitecture>())
        {
            foreach (var preset in Enum.GetValues<ModelPreset>())
            {
                var config = ModelPresets.Create(architecture, preset, VocabSize);
                listing.Append(CultureInfo.InvariantCulture, $"{architecture} {preset}, vocabulary {VocabSize}:\n");
                foreach (var (name, shape) in ShapesOf(config))
                {
                    listing.Append(CultureInfo.InvariantCulture, $"  {name} [{string.Join(", ", shape)}]\n");
                }
            }
        }

        Approvals.Verify("ModelPresetShapes.txt", listing.ToString());
    }

    // On the meta device parameters have shapes but no storage, so the small preset costs no memory or time.
    private static Dictionary<string, long[]> ShapesOf(ModelConfig config)
    {
        torch.set_default_device(torch.META);
        try
        {
            using var model = new CausalLanguageModel(config);
            return Checkpoint.ExpectedShapes(model, config);
        }
        finally
        {
            torch.set_default_device(torch.CPU);
        }
    }
}
