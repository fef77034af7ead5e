using SelfInstruct.Tests.Support;

namespace SelfInstruct.Tests.Cli.Pipeline;

/// <summary>A pipeline config cut down to seconds: the demo's shape with every size at its smallest.</summary>
internal static class PipelineConfigs
{
    public static async Task<string> WriteReducedAsync(TemporaryFolder folder, int finetuneSteps = 2,
        string? seedsFile = null, string decontaminate = "report")
    {
        var path = folder.File("pipeline-config.json");
        var seeds = JsonSerializer.Serialize(seedsFile ?? RepositoryRoot.PathTo("data/seed_tasks.jsonl"));
        var eval = JsonSerializer.Serialize(RepositoryRoot.PathTo("data/eval"));
        var output = JsonSerializer.Serialize(folder.File("run"));
        await File.WriteAllTextAsync(path, $$"""
            {
              "output": {{output}},
              "seeds": {{seeds}},
              "base_model": { "architecture": "llama", "preset": "tiny", "context_length": 4096, "seed": 1 },
              "warmup": {
                "enabled": true,
                "list_examples": 2,
                "training": { "masking": "full-sequence", "validation_fraction": 0, "max_steps": 2, "batch_size": 2,
                  "logging_steps": 1, "eval_steps": 0, "save_steps": 0, "max_length": 256 }
              },
              "generate": {
                "backend": "local", "model": "base", "api": "completions", "num_instructions": 1,
                "requests_per_batch": 1, "instruction_max_tokens": 8, "instance_max_tokens": 8,
                "instance_max_tokens_without_classification": 8, "max_batches_without_progress": 1,
                "dataset_write_interval_seconds": 0
              },
              "decontaminate": "{{decontaminate}}",
              "finetune": { "include_seeds": true, "max_steps": {{finetuneSteps}}, "batch_size": 2,
                "logging_steps": 1, "eval_steps": 0, "save_steps": 0, "max_length": 256 },
              "evaluate": { "superni": {{eval}}, "max_instances_per_task": 1, "max_new_tokens": 2, "batch_size": 12,
                "bootstrap_resamples": 100 }
            }
            """);
        return path;
    }
}
