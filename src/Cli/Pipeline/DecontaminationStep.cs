using SelfInstruct.Evaluate.Decontamination;
using SelfInstruct.Evaluate.Sets;

namespace SelfInstruct.Cli.Pipeline;

/// <summary>
/// The pipeline's check of what the finetune stage trains on (the generated dataset, and the seed tasks when it
/// includes them) against the set the evaluate stage scores; in <see cref="DecontaminationMode.Drop"/> it also writes
/// both without the flagged tasks, which the finetune stage then reads.
/// </summary>
internal static class DecontaminationStep
{
    /// <summary>Checks, writes decontamination.md and .json (and the cleaned data) and returns the report.</summary>
    public static async Task<DecontaminationReport> RunAsync(PipelinePlan plan, CancellationToken cancellationToken)
    {
        var set = await EvaluationSets.LoadAsync(plan.Evaluate, cancellationToken);
        var generated = await DatasetFiles.ReadAsync(plan.DatasetFile, null, cancellationToken);
        var seeds = plan.Config.Finetune.IncludeSeeds
            ? await DatasetFiles.ReadAsync(plan.Config.Seeds, null, cancellationToken)
            : null;
        var name = seeds is null ? plan.DatasetFile : $"{plan.DatasetFile} with the seed tasks of {plan.Config.Seeds}";
        var report = Decontaminator.Check(name, [.. generated.Rows, .. seeds?.Rows ?? []],
            [new NamedEvaluationSet(plan.EvaluationSetName, set)], plan.Decontamination);
        if (plan.Config.Decontaminate == DecontaminationMode.Drop)
        {
            var flagged = report.FlaggedTaskIds();
            await DecontaminationFiles.WriteWithoutAsync(plan.TrainingDataFile, generated, flagged,
                cancellationToken);
            if (seeds is not null)
            {
                await DecontaminationFiles.WriteWithoutAsync(plan.TrainingSeedsFile, seeds, flagged,
                    cancellationToken);
            }
            report = report with { CleanedDataset = plan.TrainingDataFile };
        }
        return await DecontaminationFiles.WriteAsync(plan.DecontaminateFolder, report, cancellationToken);
    }
}
