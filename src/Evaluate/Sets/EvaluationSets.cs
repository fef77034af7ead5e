namespace SelfInstruct.Evaluate.Sets;

/// <summary>Loads the one set a config names.</summary>
public static class EvaluationSets
{
    /// <summary>The set of a validated config; instance ids must be unique.</summary>
    /// <exception cref="InvalidDataException">The set is malformed or repeats an instance id.</exception>
    public static async Task<EvaluationSet> LoadAsync(EvaluationConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var set = config switch
        {
            { SuperNi: { } folder } => SuperNiTaskFolder.Read(folder, config.MaxInstancesPerTask),
            { UserOriented: { } file } => UserOrientedFile.Read(file, config.MaxInstancesPerTask),
            { Dataset: { } file } => await HeldOutDataset.ReadAsync(
                file, config.HeldOutFraction, config.MaxInstancesPerTask, cancellationToken),
            _ => throw new ArgumentException("the config names no evaluation set", nameof(config)),
        };
        var repeated = set.Tasks.SelectMany(task => task.Instances)
            .GroupBy(instance => instance.Id, StringComparer.Ordinal)
            .FirstOrDefault(group => group.Count() > 1);
        if (repeated is not null)
        {
            throw new InvalidDataException(
                $"{set.Source}: instance id '{repeated.Key}' appears {repeated.Count()} times; ids must be unique");
        }
        return set;
    }
}
