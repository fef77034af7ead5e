using SelfInstruct.Generate.Prompts;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate.Prompts;

public sealed class PromptTemplatesTests
{
    [Fact]
    public async Task Loads_the_four_embedded_templates_with_their_versions()
    {
        var templates = await PromptTemplates.LoadAsync(null, CancellationToken.None);

        Assert.Equal(
            "instruction-generation@1,classification-identification@1,instances-input-first@1," +
            "instances-output-first@1",
            templates.Version);
        Assert.Equal(["instructions", "next_number"], templates.InstructionGeneration.Placeholders);
        Assert.EndsWith("Is it classification?", templates.ClassificationIdentification.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_classification_demonstrations_hold_about_two_no_for_each_yes()
    {
        var templates = await PromptTemplates.LoadAsync(null, CancellationToken.None);

        var text = templates.ClassificationIdentification.Text;
        var yes = text.Split("Is it classification? Yes").Length - 1;
        var no = text.Split("Is it classification? No").Length - 1;

        Assert.InRange(yes + no, 28, 34);
        Assert.InRange(no / (double)yes, 1.6, 2.2);
    }

    [Fact]
    public async Task A_file_in_the_templates_folder_replaces_the_embedded_one_and_its_version()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(folder.File("classification-identification.txt"),
            "version: mine-3\nIs this a classification task? {{instruction}}\n");

        var templates = await PromptTemplates.LoadAsync(folder.Path, CancellationToken.None);

        Assert.Equal("mine-3", templates.ClassificationIdentification.Version);
        Assert.Equal("Is this a classification task? {{instruction}}", templates.ClassificationIdentification.Text);
        Assert.Contains("classification-identification@mine-3", templates.Version, StringComparison.Ordinal);
        Assert.Equal("1", templates.InstructionGeneration.Version);
    }

    [Fact]
    public async Task Refuses_a_replacement_without_a_version_line()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(folder.File("instances-input-first.txt"), "Task: {{instruction}}\n");

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => PromptTemplates.LoadAsync(folder.Path, CancellationToken.None));

        Assert.Contains("instances-input-first.txt:1: expected a first line 'version: V'", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_replacement_with_a_missing_or_unknown_placeholder()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(folder.File("instruction-generation.txt"),
            "version: 2\n{{instructions}} and then {{next}}\n");

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => PromptTemplates.LoadAsync(folder.Path, CancellationToken.None));

        Assert.Equal(
            "template 'instruction-generation' must use exactly {{instructions}}, {{next_number}}; " +
            "missing: {{next_number}}, unknown: {{next}}",
            error.Message);
    }

    [Fact]
    public void Render_fills_every_placeholder_and_names_a_missing_value()
    {
        var template = PromptTemplate.Parse("t", "version: 1\nA {{x}} and {{y}} and {{x}}.", "t.txt");

        var rendered = template.Render(new Dictionary<string, string> { ["x"] = "1", ["y"] = "{{x}}" });
        var error = Assert.Throws<ArgumentException>(
            () => template.Render(new Dictionary<string, string> { ["x"] = "1" }));

        Assert.Equal("A 1 and {{x}} and 1.", rendered);
        Assert.StartsWith("template 't' needs a value for {{y}}", error.Message, StringComparison.Ordinal);
    }
}
