using System.CommandLine;
using Microsoft.Extensions.Hosting;
using SelfInstruct.Cli.Serve;
using SelfInstruct.Model;
using Spectre.Console;

namespace SelfInstruct.Cli.Commands;

/// <summary><c>selfinstruct serve</c>: an OpenAI-compatible HTTP API over a local checkpoint.</summary>
internal sealed class ServeCommand : Command
{
    private readonly Option<DirectoryInfo> _model = new("--model")
    {
        Description = "The checkpoint folder to serve (Hugging Face layout); its folder name is the model id.",
        Required = true,
    };

    private readonly Option<string> _host = new("--host")
    {
        Description = "Address to listen on.",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    private readonly Option<int> _port = new("--port")
    {
        Description = "Port to listen on.",
        DefaultValueFactory = _ => 8000,
    };

    private readonly Option<string?> _apiKeyEnvironment = new("--api-key-env")
    {
        Description = "Name of an environment variable holding the bearer token callers must send " +
            "[default: no token required].",
    };

    private readonly Option<int> _maxQueue = new("--max-queue")
    {
        Description = "Requests running or waiting at once; more get 503.",
        DefaultValueFactory = _ => 16,
    };

    public ServeCommand(IAnsiConsole console, Func<string, string?> environment)
        : base("serve", "Serve a local checkpoint over an OpenAI-compatible HTTP API (/v1/models, /v1/completions, " +
            "/v1/chat/completions with streaming).")
    {
        Options.Add(_model);
        Options.Add(_host);
        Options.Add(_port);
        Options.Add(_apiKeyEnvironment);
        Options.Add(_maxQueue);
        SetAction(async (parseResult, cancellationToken) =>
        {
            var folder = parseResult.GetRequiredValue(_model);
            var options = new ServeOptions
            {
                Host = parseResult.GetRequiredValue(_host),
                Port = parseResult.GetValue(_port),
                ApiKey = ApiKey(parseResult.GetValue(_apiKeyEnvironment), environment),
                MaxQueue = parseResult.GetValue(_maxQueue),
            };
            using var model = LocalModel.Load(folder.FullName);
            using var client = model.CreateChatClient(folder.Name);
            await using var app = new OpenAiServer(client, folder.Name, options).Build();
            await app.StartAsync(cancellationToken);
            console.MarkupLineInterpolated(
                $"Serving [bold]{folder.Name}[/] on http://{options.Host}:{options.Port}/v1; Ctrl+C stops.");
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
    }

    private static string? ApiKey(string? variable, Func<string, string?> environment) => variable is null
        ? null
        : environment(variable) is { Length: > 0 } key
            ? key
            : throw new ArgumentException($"--api-key-env names {variable}, which is not set or empty");
}
