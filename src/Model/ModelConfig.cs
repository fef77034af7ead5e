using System.Globalization;

namespace SelfInstruct.Model;

/// <summary>
/// The shape of a decoder-only transformer, read from and written to a Hugging Face <c>config.json</c>
/// (see <see cref="Checkpoints.HfConfigFile"/>). The architecture decides the norm, the activation and the positions;
/// the rest is sizes. Defaults are the tiny test fixtures' sizes.
/// </summary>
public sealed record ModelConfig
{
    /// <summary>Which family of the model file to build.</summary>
    public ModelArchitecture Architecture { get; init; } = ModelArchitecture.Llama;

    /// <summary>Number of token ids, the rows of the embedding and the columns of the logits.</summary>
    public int VocabSize { get; init; } = 512;

    /// <summary>Width of the residual stream.</summary>
    public int HiddenSize { get; init; } = 64;

    /// <summary>Width of the MLP's inner layer.</summary>
    public int IntermediateSize { get; init; } = 176;

    /// <summary>Number of decoder layers.</summary>
    public int LayerCount { get; init; } = 2;

    /// <summary>Number of query heads.</summary>
    public int HeadCount { get; init; } = 4;

    /// <summary>Number of key/value heads; fewer than <see cref="HeadCount"/> means grouped-query attention.</summary>
    public int KeyValueHeadCount { get; init; } = 4;

    /// <summary>Width of one head; usually hidden size divided by the head count.</summary>
    public int HeadDimension { get; init; } = 16;

    /// <summary>Context length: the most positions the model was built for.</summary>
    public int MaxPositions { get; init; } = 128;

    /// <summary>Epsilon of the LayerNorm or RMSNorm.</summary>
    public double NormEpsilon { get; init; } = 1e-5;

    /// <summary>Base of the rotary position angles (ignored by GPT-2).</summary>
    public double RopeTheta { get; init; } = 10000;

    /// <summary>Whether the LM head reuses the token embedding matrix.</summary>
    public bool TieWordEmbeddings { get; init; }

    /// <summary>Whether the query, key and value projections carry biases.</summary>
    public bool QkvBias { get; init; }

    /// <summary>Whether the attention output projection carries a bias.</summary>
    public bool OutputBias { get; init; }

    /// <summary>Whether the MLP projections carry biases.</summary>
    public bool MlpBias { get; init; }

    /// <summary>The checkpoint's weight dtype as Hugging Face spells it: float32, bfloat16 or float16.</summary>
    public string Dtype { get; init; } = "float32";

    /// <summary>Beginning-of-sequence token id, when the model has one.</summary>
    public int? BosTokenId { get; init; }

    /// <summary>Token ids that end generation.</summary>
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];

    /// <summary>Padding token id, when the checkpoint names one.</summary>
    public int? PadTokenId { get; init; }

    /// <summary>Every problem with the sizes, in one message; empty when the config is usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Positive(string name, int value)
        {
            if (value <= 0)
            {
                problems.Add($"{name} must be positive, found {value}");
            }
        }
        Positive("vocab size", VocabSize);
        Positive("hidden size", HiddenSize);
        Positive("intermediate size", IntermediateSize);
        Positive("layer count", LayerCount);
        Positive("head count", HeadCount);
        Positive("key/value head count", KeyValueHeadCount);
        Positive("head dimension", HeadDimension);
        Positive("max positions", MaxPositions);
        if (HeadCount > 0 && KeyValueHeadCount > 0 && HeadCount % KeyValueHeadCount != 0)
        {
            problems.Add($"head count {HeadCount} is not a multiple of the key/value head count {KeyValueHeadCount}");
        }
        if (Architecture != ModelArchitecture.Gpt2 && HeadDimension % 2 != 0)
        {
            problems.Add($"rotary positions need an even head dimension, found {HeadDimension}");
        }
        if (Architecture == ModelArchitecture.Gpt2 && HeadCount * HeadDimension != HiddenSize)
        {
            problems.Add("GPT-2 needs head count × head dimension = hidden size, " +
                $"found {HeadCount} × {HeadDimension} and {HiddenSize}");
        }
        if (NormEpsilon <= 0 || RopeTheta <= 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"norm epsilon and rope theta must be positive, found {NormEpsilon} and {RopeTheta}"));
        }
        if (Dtype is not ("float32" or "bfloat16" or "float16"))
        {
            problems.Add($"dtype must be float32, bfloat16 or float16, found {Dtype}");
        }
        return problems;
    }

    /// <summary>Throws one exception listing every problem, naming <paramref name="source"/>.</summary>
    /// <exception cref="InvalidDataException">The config has one or more problems.</exception>
    public void Validate(string source)
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{source}: {string.Join("; ", problems)}");
        }
    }

    /// <summary>Number of trainable parameters of the model this config builds.</summary>
    public long ParameterCount()
    {
        long hidden = HiddenSize;
        long queries = (long)HeadCount * HeadDimension;
        long keyValues = (long)KeyValueHeadCount * HeadDimension;
        var normWeights = Architecture == ModelArchitecture.Gpt2 ? 2 * hidden : hidden;
        var attention = hidden * (queries + 2 * keyValues) + queries * hidden
            + (QkvBias ? queries + 2 * keyValues : 0) + (OutputBias ? hidden : 0);
        var projections = Architecture == ModelArchitecture.Gpt2 ? 2 : 3;
        var mlp = projections * hidden * IntermediateSize
            + (MlpBias ? (projections - 1) * (long)IntermediateSize + hidden : 0);
        var embeddings = (long)VocabSize * hidden
            + (Architecture == ModelArchitecture.Gpt2 ? (long)MaxPositions * hidden : 0);
        var head = TieWordEmbeddings ? 0 : (long)VocabSize * hidden;
        return embeddings + LayerCount * (attention + mlp + 2 * normWeights) + normWeights + head;
    }
}
