using SelfInstruct.Backends;

namespace SelfInstruct.Generate.Pipeline;

/// <summary>
/// Rejections by <c>step.reason</c>, with a few of the rejected candidates, and usage by step, for one batch or a
/// whole run. Safe for concurrent use, since requests of a batch finish on several threads.
/// </summary>
internal sealed class GenerationCounts
{
    /// <summary>Rejected candidates kept per reason and batch, for people reading the run (<c>view</c>).</summary>
    public const int SamplesPerReason = 5;

    // A rejected answer can be a whole response; its start says what went wrong.
    private const int MaxSampleLength = 500;

    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, long> _rejections = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, List<string>> _samples = new(StringComparer.Ordinal);
    private readonly SortedDictionary<GenerationStep, StepUsage> _usage = [];

    public IReadOnlyDictionary<string, long> Rejections
    {
        get
        {
            lock (_lock)
            {
                return new SortedDictionary<string, long>(_rejections, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>By <c>step.reason</c>, the first <see cref="SamplesPerReason"/> candidates rejected for it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> RejectedSamples
    {
        get
        {
            lock (_lock)
            {
                return _samples.ToDictionary(
                    pair => pair.Key, IReadOnlyList<string> (pair) => [.. pair.Value], StringComparer.Ordinal);
            }
        }
    }

    public IReadOnlyDictionary<GenerationStep, StepUsage> Usage
    {
        get
        {
            lock (_lock)
            {
                return new SortedDictionary<GenerationStep, StepUsage>(_usage);
            }
        }
    }

    public static string Key(GenerationStep step, string reason) => $"{step.ToString().ToLowerInvariant()}.{reason}";

    public void Reject(GenerationStep step, string reason, long count = 1)
    {
        if (count > 0)
        {
            AddRejections(Key(step, reason), count);
        }
    }

    /// <summary>A rejection of <paramref name="candidate"/>: counted, and kept while its reason has few samples.</summary>
    public void Reject(GenerationStep step, string reason, string candidate)
    {
        var key = Key(step, reason);
        AddRejections(key, 1);
        lock (_lock)
        {
            if (!_samples.TryGetValue(key, out var samples))
            {
                _samples[key] = samples = [];
            }
            if (samples.Count < SamplesPerReason)
            {
                samples.Add(candidate.Length > MaxSampleLength ? candidate[..MaxSampleLength] + "…" : candidate);
            }
        }
    }

    /// <summary>An answered request: its usage, and the transport faults retried before it by reason.</summary>
    public void Use(GenerationStep step, ModelReply reply, TransportAttempts attempts)
    {
        AddUsage(step, StepUsage.Answered(reply, attempts));
        CountRetries(step, attempts);
    }

    /// <summary>A request that failed after <paramref name="attempts"/>: the retries and backoff it cost.</summary>
    public void Failed(GenerationStep step, TransportAttempts attempts)
    {
        AddUsage(step, StepUsage.Retried(attempts));
        CountRetries(step, attempts);
    }

    /// <summary>The counted key of a retried transport fault, such as <c>instances.retried_timeout</c>.</summary>
    public static string RetriedKey(GenerationStep step, string fault) => Key(step, $"retried_{fault}");

    private void CountRetries(GenerationStep step, TransportAttempts attempts)
    {
        foreach (var fault in attempts.Faults)
        {
            AddRejections(RetriedKey(step, fault), 1);
        }
    }

    public void Add(IReadOnlyDictionary<string, long> rejections, IReadOnlyDictionary<GenerationStep, StepUsage> usage)
    {
        foreach (var (key, count) in rejections)
        {
            AddRejections(key, count);
        }
        foreach (var (step, stepUsage) in usage)
        {
            AddUsage(step, stepUsage);
        }
    }

    private void AddRejections(string key, long count)
    {
        lock (_lock)
        {
            _rejections[key] = _rejections.GetValueOrDefault(key) + count;
        }
    }

    private void AddUsage(GenerationStep step, StepUsage usage)
    {
        lock (_lock)
        {
            _usage[step] = _usage.GetValueOrDefault(step, StepUsage.None) + usage;
        }
    }
}
