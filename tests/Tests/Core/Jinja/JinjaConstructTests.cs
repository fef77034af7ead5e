using SelfInstruct.Core.Jinja;
using Xunit;

namespace SelfInstruct.Tests.Core.Jinja;

/// <summary>
/// One small template per supported construct (whitespace control, literals, operators, filters, tests, loops,
/// scoping, namespaces, macros, errors), each rendered as the real jinja2 renders it in transformers' environment:
/// <c>tests/Fixtures/ChatTemplates/construct_references.json</c>, written by <c>render_references.py</c>.
/// </summary>
public sealed class JinjaConstructTests
{
    public static TheoryData<string> Cases => ChatTemplateReferences.ConstructNames();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_the_construct_as_jinja2_does(string name)
    {
        var reference = ChatTemplateReferences.FindConstruct(name);
        var template = JinjaTemplate.Parse(reference.GetProperty("template").GetString()!, $"{name}.jinja");

        var render = () => template.Render(ChatTemplateReferences.Globals(reference));

        ChatTemplateReferences.AssertOutcome(reference, $"{name}.jinja", render);
    }
}
