namespace SelfInstruct.Core.Configuration;

/// <summary>
/// Collects the problems of a settings record, each starting with the setting's key path, in the same words for
/// every stage: "batch_size must be positive, found 0", "top_p must lie in [0, 1], found 2".
/// </summary>
public sealed class ConfigProblems
{
    private readonly List<string> _problems = [];

    /// <summary>The problems so far, in the order found.</summary>
    public IReadOnlyList<string> List => _problems;

    /// <summary>Adds <paramref name="problem"/> (which names its key) unless <paramref name="ok"/>.</summary>
    public void Check(bool ok, string problem)
    {
        if (!ok)
        {
            _problems.Add(problem);
        }
    }

    /// <summary>A count or size that must be at least 1; null (not set) passes.</summary>
    public void Positive(string key, int? value) =>
        Check(value is null or > 0, $"{key} must be positive, found {value}");

    /// <summary>A count that must be at least <paramref name="minimum"/>; null (not set) passes.</summary>
    public void AtLeast(string key, int? value, int minimum) =>
        Check(value is null || value >= minimum, $"{key} must be at least {minimum}, found {value}");

    /// <summary>A number that must not be negative (NaN fails); null (not set) passes.</summary>
    public void NotNegative(string key, double? value) =>
        Check(value is null || value >= 0, $"{key} must not be negative, found {Text(value)}");

    /// <summary>
    /// A number in an interval, closed unless an end is marked exclusive (NaN fails); null (not set) passes.
    /// </summary>
    public void InRange(string key, double? value, double low, double high, bool lowExclusive = false,
        bool highExclusive = false)
    {
        if (value is not { } found)
        {
            return;
        }
        var inside = (lowExclusive ? found > low : found >= low) && (highExclusive ? found < high : found <= high);
        Check(inside, $"{key} must lie in {(lowExclusive ? "(" : "[")}{Text(low)}, {Text(high)}" +
            $"{(highExclusive ? ")" : "]")}, found {Text(found)}");
    }

    /// <summary>A setting that must be given: a non-blank text.</summary>
    public void Required(string key, string? value, string what) =>
        Check(!string.IsNullOrWhiteSpace(value), $"{key} must name {what}, found nothing");

    /// <summary>
    /// Adds a nested record's problems with their keys prefixed: <c>generate.</c> makes
    /// <c>generate.num_instructions ...</c>, <c>lora_</c> makes <c>lora_rank ...</c>.
    /// </summary>
    public void Nested(string prefix, IEnumerable<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        _problems.AddRange(problems.Select(problem => prefix + problem));
    }

    /// <summary>A number as settings are written: invariant culture, shortest round trip.</summary>
    public static string Text(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "nothing";
}
