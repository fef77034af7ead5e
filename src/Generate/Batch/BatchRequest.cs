using Microsoft.Extensions.AI;

namespace SelfInstruct.Generate.Batch;

/// <summary>A request of a Batch API batch: its journal key (the line's custom id), step, prompt and options.</summary>
internal sealed record BatchRequest(string Key, GenerationStep Step, string Prompt, ChatOptions Options);
