using SelfInstruct.Evaluate.Runs;
using SelfInstruct.Generate.Pipeline;

namespace SelfInstruct.Cli.View;

/// <summary>
/// Which kind of run a folder holds and where its dataset and predictions lie: a generate folder holds
/// dataset.parquet, a pipeline run holds generate/dataset.parquet and evaluate/predictions.parquet, an evaluate folder
/// holds predictions.parquet.
/// </summary>
/// <param name="Root">The folder, as a full path.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="GenerateFolder">The folder of dataset.parquet and the journal, or null.</param>
/// <param name="EvaluateFolder">The folder of predictions.parquet, or null.</param>
internal sealed record RunFolder(string Root, RunFolderKind Kind, string? GenerateFolder, string? EvaluateFolder)
{
    /// <summary>Finds what <paramref name="path"/> holds.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The folder holds no run.</exception>
    public static RunFolder Detect(string path)
    {
        var root = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{root}: no such folder");
        }
        if (HasDataset(root))
        {
            return new RunFolder(root, RunFolderKind.Generate, root, HasPredictions(root) ? root : null);
        }
        var generate = Path.Combine(root, "generate");
        var evaluate = Path.Combine(root, "evaluate");
        if (HasDataset(generate))
        {
            return new RunFolder(root, RunFolderKind.Pipeline, generate, HasPredictions(evaluate) ? evaluate : null);
        }
        if (HasPredictions(root))
        {
            return new RunFolder(root, RunFolderKind.Evaluate, null, root);
        }
        throw new InvalidDataException($"{root}: expected a generate folder ({GenerationPipeline.DatasetFileName}), " +
            $"a pipeline run (generate/{GenerationPipeline.DatasetFileName}) or an evaluate folder " +
            $"({ResultsFiles.PredictionsFileName}), found none of them");
    }

    /// <summary>The dataset file, or null.</summary>
    public string? DatasetFile => GenerateFolder is null
        ? null
        : Path.Combine(GenerateFolder, GenerationPipeline.DatasetFileName);

    /// <summary>
    /// The full path of <paramref name="relative"/> when it lies inside the folder, else null: a path from a request
    /// never reaches outside the run.
    /// </summary>
    public string? Inside(string relative)
    {
        if (relative.Length == 0 || Path.IsPathRooted(relative) || relative.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    private static bool HasDataset(string folder) =>
        File.Exists(Path.Combine(folder, GenerationPipeline.DatasetFileName));

    private static bool HasPredictions(string folder) =>
        File.Exists(Path.Combine(folder, ResultsFiles.PredictionsFileName));
}
