using SelfInstruct.Core.Jinja;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Core.Prompts;

public sealed class ChatTemplateTests
{
    private const string ChatMl =
        "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + " +
        "'<|im_end|>\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    [Fact]
    public void Renders_the_conversation_with_the_generation_prompt_when_asked()
    {
        var template = ChatTemplate.Parse(ChatMl, "chatml", null, null);
        ChatTurn[] messages = [new(ChatTurn.System, "Be brief."), new(ChatTurn.User, "Hi")];

        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n" +
            "<|im_start|>assistant\n", template.Render(messages, addGenerationPrompt: true));
        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n",
            template.Render(messages, addGenerationPrompt: false));
    }

    [Fact]
    public void Finds_the_end_of_turn_the_template_writes_after_an_assistant_message()
    {
        Assert.Equal("<|im_end|>", ChatTemplate.Parse(ChatMl, "chatml", null, null).EndOfTurn);
        Assert.Equal("</s>", ChatTemplate.Parse(TemplatedCheckpoint.Template, "zephyr", "<s>", "</s>").EndOfTurn);
        Assert.Null(ChatTemplate.Parse("{% for m in messages %}{{ m.content }}{% endfor %}", "bare", null, null)
            .EndOfTurn);
    }

    [Fact]
    public void Gives_the_template_its_special_tokens_and_the_clock()
    {
        var template = ChatTemplate.Parse("{{ bos_token }}{{ strftime_now('%d %b %Y') }}{{ eos_token }}", "dated",
            "<s>", "</s>", new FixedClock(new DateTimeOffset(2024, 7, 26, 9, 0, 0, TimeSpan.Zero)));

        Assert.Equal("<s>26 Jul 2024</s>", template.Render([], addGenerationPrompt: false));
    }

    [Fact]
    public void Refuses_a_role_no_chat_format_renders_naming_the_message()
    {
        var template = ChatTemplate.Parse(ChatMl, "chatml", null, null);

        var error = Assert.Throws<ArgumentException>(() => template.Render(
            [new ChatTurn(ChatTurn.User, "Hi"), new ChatTurn("tool", "42")], addGenerationPrompt: true));

        Assert.Equal("message 1: role 'tool' is not one of system, user, assistant", error.Message);
    }

    [Fact]
    public void Passes_on_the_refusal_of_a_template_that_raises_naming_its_line()
    {
        var template = ChatTemplate.Parse(
            "{% if messages[0]['role'] == 'system' %}\n{{ raise_exception('System role not supported') }}\n" +
            "{% endif %}{{ messages[0]['content'] }}", "gemma.jinja", null, null);

        var error = Assert.Throws<JinjaException>(() =>
            template.Render([new ChatTurn(ChatTurn.System, "Be brief.")], addGenerationPrompt: true));

        Assert.StartsWith("gemma.jinja:2:", error.Message, StringComparison.Ordinal);
        Assert.Contains("System role not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loads_the_jinja_file_before_the_template_in_tokenizer_config()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("tokenizer_config.json"),
            """{ "eos_token": { "content": "</s>" }, "chat_template": "config {{ eos_token }}" }""");
        Assert.Equal("config </s>", ChatTemplate.Load(folder.Path)!.Render([], addGenerationPrompt: false));

        File.WriteAllText(folder.File(ChatTemplate.FileName), "file {{ eos_token }}");
        var fromFile = ChatTemplate.Load(folder.Path)!;

        Assert.Equal("file </s>", fromFile.Render([], addGenerationPrompt: false));
        Assert.Equal(folder.File(ChatTemplate.FileName), fromFile.SourceName);
    }

    [Fact]
    public void Reads_the_default_of_a_list_of_named_templates()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("tokenizer_config.json"), """
            { "chat_template": [ { "name": "tool_use", "template": "tools" }, { "name": "default", "template": "chat" } ] }
            """);

        Assert.Equal("chat", ChatTemplate.Load(folder.Path)!.Render([], addGenerationPrompt: false));
    }

    [Fact]
    public void Is_absent_from_a_checkpoint_without_one_and_refuses_a_template_that_is_not_text()
    {
        using var folder = new TemporaryFolder();
        Assert.Null(ChatTemplate.Load(folder.Path));
        File.WriteAllText(folder.File("tokenizer_config.json"), """{ "eos_token": "</s>" }""");
        Assert.Null(ChatTemplate.Load(folder.Path));

        File.WriteAllText(folder.File("tokenizer_config.json"), """{ "chat_template": 42 }""");
        var error = Assert.Throws<InvalidDataException>(() => ChatTemplate.Load(folder.Path));

        Assert.Contains("tokenizer_config.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("chat_template", error.Message, StringComparison.Ordinal);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
