using SelfInstruct.Core.Jinja;
using Xunit;

namespace SelfInstruct.Tests.Core.Jinja;

/// <summary>
/// What the jinja2 references cannot show: the subset's parse-time refusals and syntax errors (one line naming
/// the file and line), and the API's handling of callers' values and functions.
/// </summary>
public sealed class JinjaTemplateTests
{
    private const string File = "chat_template.jinja";

    [Theory]
    [InlineData("{{ x }}\n{{ x | wordcount }}", 2, "unsupported filter 'wordcount'")]
    [InlineData("{% if x is escaped %}{% endif %}", 1, "unsupported test 'escaped'")]
    [InlineData("\n\n{{ messages.append(1) }}", 3, "unsupported method 'append'")]
    [InlineData("{% include 'other.jinja' %}", 1, "unsupported tag 'include'")]
    [InlineData("{% extends 'base.jinja' %}", 1, "unsupported tag 'extends'")]
    [InlineData("{% filter upper %}x{% endfilter %}", 1, "unsupported tag 'filter'")]
    [InlineData("a\n{% with x = 1 %}{% endwith %}", 2, "unsupported tag 'with'")]
    [InlineData("{% raw %}{{ x }}{% endraw %}", 1, "unsupported tag 'raw'")]
    [InlineData("{% for x in y recursive %}{% endfor %}", 1, "unsupported recursive loop")]
    [InlineData("{{ f(*args) }}", 1, "unsupported argument unpacking")]
    public void Refuses_a_construct_outside_the_subset_when_parsing(string source, int line, string what)
    {
        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse(source, File));

        Assert.Equal($"{File}:{line}: {what}", error.Message);
        Assert.Equal(File, error.SourceName);
        Assert.Equal(line, error.Line);
    }

    [Theory]
    [InlineData("{% if x %}\nyes", 2, "unexpected end of template: 'if' opened on line 1 needs 'endif'")]
    [InlineData("{% for m in messages %}\n{% endif %}", 2, "unexpected 'endif', expected 'endfor' or 'else'")]
    [InlineData("ok\n{% endfor %}", 2, "unexpected 'endfor'")]
    [InlineData("{{ 1 + }}", 1, "unexpected '}}'")]
    [InlineData("{{ x\n", 1, "unexpected end of template, expected '}}'")]
    [InlineData("{{ 'open }}", 1, "unterminated string")]
    [InlineData("a {# never closed", 1, "missing end of comment tag '#}'")]
    [InlineData("{% set = 1 %}", 1, "expected a variable name, found '='")]
    [InlineData("{{ a b }}", 1, "expected '}}', found 'b'")]
    [InlineData("{{ x ! y }}", 1, "unexpected character '!'")]
    [InlineData("{{ f(a=1, 2) }}", 1, "a positional argument follows a keyword argument")]
    [InlineData("{% for x in y %}{% endfor %}\n{% break %}", 2, "'break' outside loop")]
    [InlineData("{% for x in y %}{% macro m() %}{% continue %}{% endmacro %}{% endfor %}", 1,
        "'continue' outside loop")]
    public void Reports_a_syntax_error_with_its_line(string source, int line, string what)
    {
        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse(source, File));

        Assert.Equal($"{File}:{line}: {what}", error.Message);
    }

    [Fact]
    public void Raise_exception_names_the_template_line_and_its_message()
    {
        var template = JinjaTemplate.Parse(
            "{%- for message in messages %}\n" +
            "    {%- if message.role == 'system' %}\n" +
            "        {{- raise_exception('System role not supported') }}\n" +
            "    {%- endif %}\n" +
            "{%- endfor %}",
            File);
        var globals = Globals(("messages", Messages(("system", "x"))));

        var error = Assert.Throws<JinjaException>(() => template.Render(globals));

        Assert.Equal($"{File}:3: the template refused: System role not supported", error.Message);
    }

    [Fact]
    public void Calls_a_function_global_with_its_positional_arguments()
    {
        var received = new List<object?>();
        var template = JinjaTemplate.Parse("{{ today('%d', 2) }} {{ today('%d', 2) is integer }}", File);
        var function = new JinjaFunction(arguments =>
        {
            received.AddRange(arguments);
            return 14;
        });

        var text = template.Render(Globals(("today", function)));

        Assert.Equal("14 True", text);
        Assert.Equal(["%d", 2L, "%d", 2L], received);
    }

    [Fact]
    public void Reads_int_and_long_globals_as_integers()
    {
        var template = JinjaTemplate.Parse("{{ small + large }} {{ small / 2 }} {{ small is integer }}", File);

        var text = template.Render(Globals(("small", 41), ("large", 1L)));

        Assert.Equal("42 20.5 True", text);
    }

    [Fact]
    public void Renders_again_with_other_globals_and_leaves_the_callers_values_alone()
    {
        var template = JinjaTemplate.Parse("{% set messages = messages[1:] %}{{ messages | length }}", File);
        var messages = Messages(("system", "s"), ("user", "u"));
        var globals = Globals(("messages", messages));

        var first = template.Render(globals);
        var second = template.Render(Globals(("messages", Messages(("user", "u")))));

        Assert.Equal("1", first);
        Assert.Equal("0", second);
        Assert.Same(messages, globals["messages"]);
        Assert.Equal(2, messages.Count);
    }

    [Fact]
    public void Does_not_let_a_template_change_a_callers_dictionary()
    {
        var template = JinjaTemplate.Parse("{% set m = messages[0] %}{% set m.role = 'user' %}", File);
        var globals = Globals(("messages", Messages(("system", "s"))));

        var error = Assert.Throws<JinjaException>(() => template.Render(globals));

        Assert.Equal($"{File}:1: cannot assign attribute on non-namespace object", error.Message);
    }

    [Fact]
    public void Takes_any_string_keyed_dictionary_sequence_or_json_as_values()
    {
        var template = JinjaTemplate.Parse(
            "{% for m in messages %}{{ m.role }}:{{ m['content'] }};{% endfor %}" +
            "{{ tags | join(',') }} {{ tool.n + 1 }} {{ ratio }}",
            File);
        var messages = new List<Dictionary<string, string>> { new() { ["role"] = "user", ["content"] = "hi" } };
        string[] tags = ["a", "b"];

        var text = template.Render(Globals(
            ("messages", messages), ("tags", tags), ("tool", JsonNode.Parse("{\"n\": 1}")),
            ("ratio", 0.5f)));

        Assert.Equal("user:hi;a,b 2 0.5", text);
    }

    [Fact]
    public void Refuses_a_value_of_another_type_naming_where_it_sits()
    {
        var template = JinjaTemplate.Parse("{{ messages }}", File);
        var messages = Messages(("user", "hi"));
        ((Dictionary<string, object?>)messages[0]!)["sent"] = DateTime.UnixEpoch;

        var error = Assert.Throws<ArgumentException>(() => template.Render(Globals(("messages", messages))));

        var expected = "template global messages[0]['sent']: unsupported value of type DateTime";
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, object?> Globals(params (string Name, object? Value)[] values) =>
        values.ToDictionary(value => value.Name, value => value.Value);

    private static List<object?> Messages(params (string Role, string Content)[] messages) =>
        [.. messages.Select(message =>
            (object?)new Dictionary<string, object?> { ["role"] = message.Role, ["content"] = message.Content })];
}
