namespace SelfInstruct.Cli.View;

/// <summary>
/// The dataset in memory, one entry per task with the curation log applied, answering the table's pages and the
/// task pages; edits are applied as they are logged. Safe for concurrent use.
/// </summary>
internal sealed class DatasetIndex
{
    private readonly List<ViewTask> _tasks;
    private readonly Dictionary<string, ViewTask> _byId;
    private readonly Dictionary<string, List<CurationEdit>> _history = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private DatasetIndex(List<ViewTask> tasks)
    {
        _tasks = tasks;
        _byId = tasks.ToDictionary(task => task.Id, StringComparer.Ordinal);
    }

    /// <summary>Gathers the rows into tasks and applies the logged edits that find their task.</summary>
    public static DatasetIndex Build(DatasetFile dataset, IReadOnlyList<CurationEdit> edits, JournalDigest journal)
    {
        var tasks = dataset.Rows.GroupBy(row => row.TaskId, StringComparer.Ordinal)
            .Select((group, order) => new ViewTask
            {
                Order = order,
                Id = group.Key,
                Name = group.First().TaskName,
                Instruction = group.First().Instruction,
                IsClassification = group.First().IsClassification,
                Origin = group.First().Origin,
                Instances = group.Select(row => new TaskInstance(row.Input, row.Output)).ToList(),
                MaxSimilarity = group.First().MaxSimilarity,
                MostSimilar = journal.MostSimilar.GetValueOrDefault(group.Key) ?? [],
            })
            .ToList();
        var index = new DatasetIndex(tasks);
        foreach (var edit in edits.Where(edit => index.Problem(edit) is null))
        {
            index.Apply(edit);
        }
        return index;
    }

    public int TaskCount => _tasks.Count;

    public int InstanceCount => _tasks.Sum(task => task.Instances.Count);

    /// <summary>Tasks a rejection currently holds out.</summary>
    public int RejectedCount
    {
        get
        {
            lock (_lock)
            {
                return _tasks.Count(task => task.RejectedReason is not null);
            }
        }
    }

    /// <summary>Edits applied, rejections included.</summary>
    public int EditCount
    {
        get
        {
            lock (_lock)
            {
                return _history.Values.Sum(edits => edits.Count);
            }
        }
    }

    /// <summary>The tasks that match, sorted, one page of them.</summary>
    public ViewPage<TaskRow> Query(TaskQuery query)
    {
        lock (_lock)
        {
            var matches = _tasks.Where(task => Matches(task, query)).ToList();
            var sorted = Sort(matches, query);
            var items = sorted.Skip((query.Page - 1) * query.Size).Take(query.Size).Select(Row).ToList();
            return new ViewPage<TaskRow>(matches.Count, query.Page, query.Size, items);
        }
    }

    /// <summary>A task's page, or null when no task has the id.</summary>
    public TaskDetail? Find(string id)
    {
        lock (_lock)
        {
            return _byId.TryGetValue(id, out var task)
                ? new TaskDetail(task.Id, task.Name, task.Instruction, task.IsClassification, task.Origin,
                    task.MaxSimilarity, [.. task.Instances], task.MostSimilar, task.RejectedReason,
                    [.. _history.GetValueOrDefault(id) ?? []])
                : null;
        }
    }

    /// <summary>Why <paramref name="edit"/> cannot apply to this dataset, or null when it can.</summary>
    public string? Problem(CurationEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        if (edit.Problem() is { } problem)
        {
            return problem;
        }
        lock (_lock)
        {
            if (!_byId.TryGetValue(edit.TaskId, out var task))
            {
                return $"task_id: no task is called '{edit.TaskId}'";
            }
            return edit.Instance >= task.Instances.Count
                ? $"instance: task {edit.TaskId} has {task.Instances.Count} instances, found position {edit.Instance}"
                : null;
        }
    }

    /// <summary>The field's current text, which an edit records as its before.</summary>
    public string? Current(CurationEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        lock (_lock)
        {
            var task = _byId[edit.TaskId];
            return edit.Field switch
            {
                CurationField.Instruction => task.Instruction,
                CurationField.Input => task.Instances[edit.Instance!.Value].Input,
                CurationField.Output => task.Instances[edit.Instance!.Value].Output,
                _ => null,
            };
        }
    }

    /// <summary>Applies an edit that <see cref="Problem"/> accepted, as <see cref="CuratedDataset"/> does.</summary>
    public void Apply(CurationEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        lock (_lock)
        {
            var task = _byId[edit.TaskId];
            switch (edit.Field)
            {
                case null:
                    task.RejectedReason = edit.Reason;
                    break;
                case CurationField.Instruction:
                    task.Instruction = edit.After!;
                    break;
                case CurationField.Input:
                    task.Instances[edit.Instance!.Value] = task.Instances[edit.Instance.Value] with { Input = edit.After! };
                    break;
                case CurationField.Output:
                    task.Instances[edit.Instance!.Value] = task.Instances[edit.Instance.Value] with { Output = edit.After! };
                    break;
            }
            task.Edits++;
            if (!_history.TryGetValue(edit.TaskId, out var edits))
            {
                _history[edit.TaskId] = edits = [];
            }
            edits.Add(edit);
        }
    }

    private static bool Matches(ViewTask task, TaskQuery query) =>
        (query.Classification is not { } classification || task.IsClassification == classification)
        && (query.Origin is null || task.Origin == query.Origin)
        && query.Status switch
        {
            "kept" => task.RejectedReason is null,
            "rejected" => task.RejectedReason is not null,
            "edited" => task.Edits > 0,
            _ => true,
        }
        && (query.Text is null || task.Contains(query.Text));

    private static IEnumerable<ViewTask> Sort(List<ViewTask> tasks, TaskQuery query)
    {
        var descending = query.Descending;
        var sorted = query.Sort switch
        {
            "instruction" => Order(tasks, task => task.Instruction, StringComparer.OrdinalIgnoreCase, descending),
            "instances" => Order(tasks, task => task.Instances.Count, Comparer<int>.Default, descending),
            "similarity" => Order(tasks, task => task.MaxSimilarity ?? -1, Comparer<double>.Default, descending),
            _ => Order(tasks, task => task.Order, Comparer<int>.Default, descending),
        };
        return sorted.ThenBy(task => task.Order);
    }

    private static IOrderedEnumerable<ViewTask> Order<TKey>(
        List<ViewTask> tasks, Func<ViewTask, TKey> key, IComparer<TKey> comparer, bool descending) =>
        descending ? tasks.OrderByDescending(key, comparer) : tasks.OrderBy(key, comparer);

    private static TaskRow Row(ViewTask task) => new(task.Id, task.Name, task.Instruction, task.IsClassification,
        task.Instances.Count, task.MaxSimilarity, task.Origin, task.RejectedReason, task.Edits);
}
