using System.CommandLine;
using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using Spectre.Console;

namespace SelfInstruct.Cli.Serve;

/// <summary>
/// <c>selfinstruct serve</c>: puts a local checkpoint behind an OpenAI-compatible HTTP endpoint until Ctrl+C.
/// </summary>
internal sealed class ServeCommand : Command
{
    private static readonly ServeOptions _defaults = new(ModelName: "");

    private readonly IAnsiConsole _console;
    private readonly Func<string, string?> _environment;

    private readonly Option<DirectoryInfo> _model = new("--model")
    {
        Description = "Checkpoint folder in the Hugging Face layout (config.json, model.safetensors, tokenizer files).",
        Required = true,
    };

    private readonly Option<string?> _modelName = new("--model-name")
    {
        Description = "The model id clients send and /v1/models lists [default: the folder's name].",
    };

    private readonly Option<string> _host = new("--host")
    {
        Description = "Address to bind; 0.0.0.0 exposes the server to the network.",
        DefaultValueFactory = _ => _defaults.Host,
    };

    private readonly Option<int> _port = new("--port")
    {
        Description = "TCP port.",
        DefaultValueFactory = _ => _defaults.Port,
    };

    private readonly Option<string?> _apiKeyEnv = new("--api-key-env")
    {
        Description = "Require 'Authorization: Bearer KEY', KEY read from this environment variable [default: no key].",
    };

    private readonly Option<int> _maxQueue = new("--max-queue")
    {
        Description = "Requests waiting or running beyond this get 503.",
        DefaultValueFactory = _ => _defaults.MaxQueuedRequests,
    };

    private readonly Option<string> _dtype = new("--dtype")
    {
        Description = "Dtype the checkpoint is loaded and run in, whatever it is stored in (bf16 halves the memory).",
        HelpName = string.Join('|', EnumNames.All<ComputeDtype>()),
        DefaultValueFactory = _ => EnumNames.Name(_defaults.Dtype),
    };

    public ServeCommand(IAnsiConsole console, Func<string, string?> environment)
        : base("serve", "Serve a local checkpoint over an OpenAI-compatible HTTP API (chat, completions, models).")
    {
        _console = console;
        _environment = environment;
        _dtype.AcceptOnlyFromAmong([.. EnumNames.All<ComputeDtype>()]);
        foreach (Option option in (Option[])[_model, _modelName, _host, _port, _apiKeyEnv, _maxQueue, _dtype])
        {
            Options.Add(option);
        }
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var folder = parseResult.GetRequiredValue(_model).FullName;
        var name = parseResult.GetValue(_modelName) ?? Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar));
        var key = BearerKey.Read(parseResult.GetValue(_apiKeyEnv), _environment);
        var dtypeName = parseResult.GetRequiredValue(_dtype);
        // The parser accepted only these names, so the exception marks a mismatch between the two.
        var dtype = EnumNames.TryParse<ComputeDtype>(dtypeName, out var parsed) ? parsed
            : throw new InvalidOperationException($"--dtype: no compute dtype is named {dtypeName}");
        var options = new ServeOptions(name, parseResult.GetRequiredValue(_host), parseResult.GetValue(_port), key,
            parseResult.GetValue(_maxQueue), dtype);
        using var model = LocalModel.Load(folder, Checkpoint.ScalarTypeOf(options.Dtype));
        using var client = model.CreateChatClient(name);
        await using var server = new OpenAICompatibleServer(client, client.RawCompletions, options);
        await server.StartAsync(cancellationToken);
        var keyNote = key is null ? "" : " (bearer key required)";
        _console.MarkupLineInterpolated(
            $"Serving [bold]{name}[/] at [bold]{server.BaseAddress}v1[/]{keyNote}; Ctrl+C stops.");
        _console.MarkupLineInterpolated($"[dim]{client.Format.Description}.[/]");
        await server.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
