namespace SelfInstruct.Evaluate.Decontamination;

/// <summary>
/// Checks a dataset's tasks against evaluation sets (see <see cref="DecontaminationSettings"/> for the two checks).
/// Each core scores tasks with its own similarity pools over the sets' instructions; the n-gram index is shared.
/// The result does not depend on the core count.
/// </summary>
public static class Decontaminator
{
    /// <summary>Checks every task of <paramref name="rows"/> (grouped by task id) against every set.</summary>
    /// <param name="dataset">The dataset's name in the report, such as its path.</param>
    /// <param name="rows">The dataset's rows.</param>
    /// <param name="sets">The evaluation sets, at least one.</param>
    /// <param name="settings">The thresholds; must be valid.</param>
    /// <param name="maxDegreeOfParallelism">How many cores to use; -1 for all of them.</param>
    /// <exception cref="ConfigException">The settings are invalid.</exception>
    public static DecontaminationReport Check(string dataset, IReadOnlyList<DatasetRow> rows,
        IReadOnlyList<NamedEvaluationSet> sets, DecontaminationSettings settings, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentOutOfRangeException.ThrowIfZero(sets.Count);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate("decontamination settings");
        var tasks = rows.GroupBy(row => row.TaskId, StringComparer.Ordinal).Select(group => group.ToList()).ToList();
        var ngrams = new InstanceNGrams(sets.Select(named => named.Set).ToList(), settings.NGramLength,
            settings.TextMode);
        var findings = new Finding[tasks.Count][];
        var workers = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        var next = -1;
        Parallel.For(0, Math.Max(1, Math.Min(workers, tasks.Count)),
            new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
            {
                var pools = sets.Select(named => Pool(named.Set, settings.TextMode)).ToList();
                int task;
                while ((task = Interlocked.Increment(ref next)) < tasks.Count)
                {
                    findings[task] = Find(tasks[task], pools, ngrams);
                }
            });
        return Summarize(dataset, rows.Count, tasks, sets, settings, findings);
    }

    private static SimilarityPool Pool(EvaluationSet set, TextMode mode)
    {
        var pool = new SimilarityPool(maxDegreeOfParallelism: 1, mode);
        pool.AddRange(set.Tasks.Select(task => task.Instruction));
        return pool;
    }

    private static Finding[] Find(List<DatasetRow> task, List<SimilarityPool> pools, InstanceNGrams ngrams)
    {
        var texts = task.SelectMany(row => new[] { row.Input, row.Output }).Prepend(task[0].Instruction)
            .Where(text => text.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Select(ngrams.Tokenize)
            .ToList();
        var findings = new Finding[pools.Count];
        for (var set = 0; set < pools.Count; set++)
        {
            var similarity = pools[set].Score(task[0].Instruction, mostSimilarCount: 1);
            var closest = similarity.MostSimilar.Count > 0 ? similarity.MostSimilar[0].Index : 0;
            findings[set] = new Finding(similarity.MaxScore, closest, FirstShared(set, texts, ngrams));
        }
        return findings;
    }

    private static SharedNGram? FirstShared(int set, List<(List<string> Tokens, int[] Ids)> texts,
        InstanceNGrams ngrams)
    {
        foreach (var (tokens, ids) in texts)
        {
            if (ngrams.FirstShared(set, ids) is { } hit)
            {
                var text = string.Join(' ', tokens.Skip(hit.Offset).Take(ngrams.Length));
                return new SharedNGram(text, hit.Task, hit.Instance);
            }
        }
        return null;
    }

    private static DecontaminationReport Summarize(string dataset, int rowCount, List<List<DatasetRow>> tasks,
        IReadOnlyList<NamedEvaluationSet> sets, DecontaminationSettings settings, Finding[][] findings)
    {
        var pairs = tasks.SelectMany((task, index) => sets.Select((named, set) =>
            Pair(task[0], named, findings[index][set], settings))).ToList();
        var overlaps = sets.Select((named, set) =>
        {
            var found = findings.Select(perSet => perSet[set]).ToList();
            return new SetOverlap(named.Name, named.Set.Kind, named.Set.Source, named.Set.Tasks.Count,
                named.Set.InstanceCount, found.Count(finding => IsFlagged(finding, settings)),
                found.Count(finding => finding.RougeL >= settings.RougeLThreshold),
                found.Count(finding => finding.NGram is not null));
        }).ToList();
        var flagged = pairs.Where(pair => pair.Flagged).ToList();
        var closest = pairs.Select((pair, order) => (pair, order))
            .OrderByDescending(item => item.pair.RougeL)
            .ThenBy(item => item.order)
            .Take(settings.ClosestPairs)
            .Select(item => item.pair)
            .ToList();
        var flaggedTasks = flagged.Select(pair => pair.TaskId).Distinct(StringComparer.Ordinal).Count();
        return new DecontaminationReport(dataset, tasks.Count, rowCount, settings, overlaps, flaggedTasks, flagged,
            closest);
    }

    private static OverlapPair Pair(DatasetRow task, NamedEvaluationSet named, Finding finding,
        DecontaminationSettings settings)
    {
        var byNGramOnly = finding.RougeL < settings.RougeLThreshold && finding.NGram is not null;
        var evaluationTask = named.Set.Tasks[byNGramOnly ? finding.NGram!.Task : finding.ClosestTask];
        var instance = finding.NGram is { } ngram ? named.Set.Tasks[ngram.Task].Instances[ngram.Instance].Id : null;
        return new OverlapPair(task.TaskId, task.Instruction, named.Name, evaluationTask.Id,
            evaluationTask.Instruction, finding.RougeL, finding.NGram?.Text, instance, IsFlagged(finding, settings));
    }

    private static bool IsFlagged(Finding finding, DecontaminationSettings settings) =>
        finding.RougeL >= settings.RougeLThreshold || finding.NGram is not null;

    /// <summary>One task against one set: its best ROUGE-L, the task behind it, and any shared n-gram.</summary>
    private sealed record Finding(double RougeL, int ClosestTask, SharedNGram? NGram);

    /// <summary>A shared n-gram as the generated task's tokens, and the evaluation instance that has it.</summary>
    private sealed record SharedNGram(string Text, int Task, int Instance);
}
