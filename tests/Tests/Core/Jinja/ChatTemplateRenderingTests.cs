using SelfInstruct.Core.Jinja;
using Xunit;

namespace SelfInstruct.Tests.Core.Jinja;

/// <summary>
/// Each published chat template (SmolLM2/3, Qwen2.5/3, Gemma 3, Llama 3.2, Phi-3) renders every reference
/// conversation character for character as jinja2 does, or fails where jinja2 fails, at the same line.
/// </summary>
public sealed class ChatTemplateRenderingTests
{
    public static TheoryData<string> Cases => ChatTemplateReferences.Keys();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_as_jinja2_does(string key)
    {
        var reference = ChatTemplateReferences.Find(key);
        var file = reference.GetProperty("template").GetString()!;
        var template = JinjaTemplate.Parse(File.ReadAllText(ChatTemplateReferences.PathTo(file)), file);

        var render = () => template.Render(ChatTemplateReferences.Globals(reference));

        ChatTemplateReferences.AssertOutcome(reference, file, render);
    }
}
