using SelfInstruct.Core.Jinja;

namespace SelfInstruct.Core.Prompts;

/// <summary>
/// The conversation format a checkpoint ships: the Jinja <c>chat_template</c> of its <c>chat_template.jinja</c>
/// (preferred, as transformers does) or of its <c>tokenizer_config.json</c>, rendered the way transformers'
/// <c>apply_chat_template</c> does: the messages as role/content objects, <c>add_generation_prompt</c>,
/// <c>bos_token</c> and <c>eos_token</c> from tokenizer_config.json, <c>tools</c> and <c>documents</c> as none and
/// <c>strftime_now</c> on the given clock.
/// </summary>
public sealed class ChatTemplate
{
    /// <summary>The template file transformers writes beside tokenizer_config.json.</summary>
    public const string FileName = "chat_template.jinja";

    /// <summary>The key of the template in tokenizer_config.json.</summary>
    public const string ConfigKey = "chat_template";

    private const string TokenizerConfigFileName = "tokenizer_config.json";

    // Stands for an assistant's message while the text a template writes after one is found.
    private const string AssistantSentinel = "SELFINSTRUCTASSISTANTMESSAGE";

    private readonly JinjaTemplate _template;
    private readonly string? _bosToken;
    private readonly string? _eosToken;
    private readonly TimeProvider _clock;

    private ChatTemplate(JinjaTemplate template, string source, string sourceName, string? bosToken, string? eosToken,
        TimeProvider clock)
    {
        _template = template;
        _bosToken = bosToken;
        _eosToken = eosToken;
        _clock = clock;
        Source = source;
        SourceName = sourceName;
        EndOfTurn = FindEndOfTurn();
    }

    /// <summary>The template's text, as a checkpoint saves it back.</summary>
    public string Source { get; }

    /// <summary>Where the template was read, for messages.</summary>
    public string SourceName { get; }

    /// <summary>
    /// The marker the template writes right after an assistant's message (the first line of what follows it, such as
    /// <c>&lt;|im_end|&gt;</c> or <c>&lt;end_of_turn&gt;</c>), where a generated turn stops; null when it writes none.
    /// </summary>
    public string? EndOfTurn { get; }

    /// <summary>
    /// The template of the checkpoint in <paramref name="folder"/>, or null when it has none.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is malformed.</exception>
    /// <exception cref="JinjaException">The template is malformed or outside the subset read.</exception>
    public static ChatTemplate? Load(string folder, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var configPath = Path.Combine(folder, TokenizerConfigFileName);
        var config = File.Exists(configPath) ? JsonFile.ReadObject(configPath) : null;
        var (bos, eos) = (TokenText(config?["bos_token"]), TokenText(config?["eos_token"]));
        var templatePath = Path.Combine(folder, FileName);
        if (File.Exists(templatePath))
        {
            return Parse(File.ReadAllText(templatePath), templatePath, bos, eos, clock);
        }
        return config?[ConfigKey] is { } node
            ? Parse(ConfigTemplate(configPath, node), $"{configPath} ({ConfigKey})", bos, eos, clock)
            : null;
    }

    /// <summary>A template from its text; <paramref name="sourceName"/> names it in messages.</summary>
    /// <exception cref="JinjaException">The template is malformed or outside the subset read.</exception>
    public static ChatTemplate Parse(string source, string sourceName, string? bosToken, string? eosToken,
        TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new ChatTemplate(JinjaTemplate.Parse(source, sourceName), source, sourceName, bosToken, eosToken,
            clock ?? TimeProvider.System);
    }

    /// <summary>
    /// The prompt text of <paramref name="messages"/>; with <paramref name="addGenerationPrompt"/>, followed by the
    /// opening of the assistant's next turn.
    /// </summary>
    /// <exception cref="ArgumentException">A message's role is not system, user or assistant.</exception>
    /// <exception cref="JinjaException">The template refuses the conversation (its <c>raise_exception</c>).</exception>
    public string Render(IReadOnlyList<ChatTurn> messages, bool addGenerationPrompt)
    {
        ArgumentNullException.ThrowIfNull(messages);
        for (var index = 0; index < messages.Count; index++)
        {
            if (!ChatTurn.Roles.Contains(messages[index].Role))
            {
                throw new ArgumentException($"message {index}: role '{messages[index].Role}' is not one of " +
                    $"{string.Join(", ", ChatTurn.Roles)}");
            }
        }
        var conversation = messages.Select(message => (object?)new Dictionary<string, object?>
        {
            ["role"] = message.Role,
            ["content"] = message.Content,
        }).ToList();
        return _template.Render(new Dictionary<string, object?>
        {
            ["messages"] = conversation,
            ["add_generation_prompt"] = addGenerationPrompt,
            ["bos_token"] = _bosToken,
            ["eos_token"] = _eosToken,
            ["tools"] = null,
            ["documents"] = null,
            ["strftime_now"] = new JinjaFunction(StrftimeNow),
        });
    }

    private object? StrftimeNow(IReadOnlyList<object?> arguments) =>
        arguments is [string format]
            ? PythonStrftime.Format(_clock.GetLocalNow(), format)
            : throw new ArgumentException("strftime_now takes one format string");

    private string? FindEndOfTurn()
    {
        string rendered;
        try
        {
            rendered = Render([new ChatTurn(ChatTurn.User, "Hello."), new ChatTurn(ChatTurn.Assistant,
                AssistantSentinel)], addGenerationPrompt: false);
        }
        catch (JinjaException)
        {
            return null;
        }
        var at = rendered.IndexOf(AssistantSentinel, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        var after = rendered[(at + AssistantSentinel.Length)..].TrimStart();
        var line = after.Split('\n')[0].Trim();
        return line.Length > 0 ? line : null;
    }

    // The template is a string, or a list of named templates of which transformers uses "default".
    private static string ConfigTemplate(string path, JsonNode node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray named => named.OfType<JsonObject>()
                .FirstOrDefault(entry => entry["name"]?.GetValue<string>() == "default")?["template"]
                ?.GetValue<string>()
            ?? throw DataFormatError.In(path, ConfigKey, "a template, or a list with one named \"default\"",
                "a list without \"default\""),
        _ => throw DataFormatError.In(path, ConfigKey, "a template string", node.ToJsonString()),
    };

    private static string? TokenText(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonObject token => token["content"]?.GetValue<string>(),
        _ => null,
    };
}
