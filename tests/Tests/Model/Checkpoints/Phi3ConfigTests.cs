using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Model.Checkpoints;

public sealed class Phi3ConfigTests
{
    [Fact]
    public void Reads_phi3_with_its_window_in_every_layer_and_none_when_missing()
    {
        using var folder = new TemporaryFolder();
        var config = HfConfigFile.Read(Path.Combine(ModelFixture.Folder("phi3-window"), HfConfigFile.FileName));
        var withoutWindow = HfConfigFile.Read(Write(folder, json => json.Remove("sliding_window")));

        Assert.Equal(ModelArchitecture.Phi3, config.Architecture);
        Assert.Equal(5, config.SlidingWindow);
        Assert.True(config.UsesSlidingWindow(0) && config.UsesSlidingWindow(1));
        Assert.Null(withoutWindow.SlidingWindow);
    }

    [Theory]
    [InlineData("rope_scaling", "{\"type\": \"longrope\", \"long_factor\": [1.0], \"short_factor\": [1.0]}",
        "rope_scaling.type: expected default, linear, dynamic or llama3")]
    [InlineData("rope_scaling", "{\"type\": \"su\", \"long_factor\": [1.0], \"short_factor\": [1.0]}",
        "rope_scaling.type: expected default, linear, dynamic or llama3")]
    [InlineData("partial_rotary_factor", "0.5", "partial_rotary_factor: expected 1 (every dimension rotated)")]
    [InlineData("hidden_act", "\"gelu\"", "hidden_act: expected silu")]
    public void Refuses_what_it_does_not_implement_naming_the_file_and_the_field(
        string key, string value, string message)
    {
        using var folder = new TemporaryFolder();
        var path = Write(folder, json => json[key] = JsonNode.Parse(value));

        var error = Assert.Throws<InvalidDataException>(() => HfConfigFile.Read(path));

        Assert.StartsWith($"{path}: {message}", error.Message);
    }

    private static string Write(TemporaryFolder folder, Action<JsonObject> change)
    {
        var source = Path.Combine(ModelFixture.Folder("phi3-window"), HfConfigFile.FileName);
        var json = JsonNode.Parse(File.ReadAllText(source))!.AsObject();
        change(json);
        var path = folder.File(HfConfigFile.FileName);
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }
}
