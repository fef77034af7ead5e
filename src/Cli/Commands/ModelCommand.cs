using System.CommandLine;
using Spectre.Console;

namespace SelfInstruct.Cli.Commands;

/// <summary><c>selfinstruct model</c>: make a checkpoint from scratch, or describe one.</summary>
internal sealed class ModelCommand : Command
{
    public ModelCommand(IAnsiConsole console)
        : base(
            "model",
            "Make a decoder-only model from scratch, or describe a checkpoint folder (Hugging Face layout).")
    {
        Subcommands.Add(new ModelInitCommand(console));
        Subcommands.Add(new ModelInfoCommand(console));
    }
}
