namespace SelfInstruct.Model.Lora;

/// <summary>
/// Low-rank adaptation settings, named as in PEFT's <c>LoraConfig</c>: each targeted linear layer W gains trainable
/// A [rank, in] and B [out, rank], and computes W·x + (alpha / rank)·B·A·dropout(x).
/// </summary>
public sealed record LoraOptions
{
    /// <summary>The linear layers of the model file that adapters can target.</summary>
    public static readonly IReadOnlyList<string> LinearModuleNames =
        ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

    /// <summary>The rank r of A and B (PEFT's <c>r</c>).</summary>
    public int Rank { get; init; } = 8;

    /// <summary>The numerator of the scaling alpha / rank (PEFT's <c>lora_alpha</c>).</summary>
    public double Alpha { get; init; } = 16;

    /// <summary>Dropout probability on the adapters' input, applied in train mode only.</summary>
    public double Dropout { get; init; } = 0.05;

    /// <summary>Names of the linear layers to adapt, from <see cref="LinearModuleNames"/>, in every layer.</summary>
    public IReadOnlyList<string> TargetModules { get; init; } = ["q_proj", "v_proj"];

    /// <summary>The factor on B·A: alpha / rank, as PEFT computes it without rank-stabilised scaling.</summary>
    public double Scaling => Alpha / Rank;

    /// <summary>Every problem with the options; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Rank < 1)
        {
            problems.Add($"rank must be at least 1, found {Rank}");
        }
        if (!(Alpha > 0))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"alpha must be positive, found {Alpha}"));
        }
        if (!(Dropout >= 0 && Dropout < 1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"dropout must lie in [0, 1), found {Dropout}"));
        }
        if (TargetModules is null || TargetModules.Count == 0)
        {
            problems.Add("targets must name at least one linear layer, found none");
        }
        else
        {
            foreach (var name in TargetModules.Where(name => !LinearModuleNames.Contains(name)))
            {
                problems.Add($"targets: '{name}' is not a linear layer of the model; expected one of " +
                    string.Join(", ", LinearModuleNames));
            }
            foreach (var name in TargetModules.GroupBy(name => name).Where(group => group.Count() > 1))
            {
                problems.Add($"targets: '{name.Key}' is listed {name.Count()} times");
            }
        }
        return problems;
    }

    /// <summary>Throws one exception listing every problem.</summary>
    /// <exception cref="ArgumentException">The options have one or more problems.</exception>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"LoRA options: {string.Join("; ", problems)}");
        }
    }
}
