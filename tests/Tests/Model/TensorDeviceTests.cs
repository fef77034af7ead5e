using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Model;

/// <summary>
/// Training on CUDA must not make a tensor on the CPU: each one would be a host allocation and a copy per step, or an
/// error where it meets a CUDA tensor. No CI machine has a GPU, and TorchSharp 0.107's meta device cannot run the
/// model, so this proves it in the source: every tensor factory call in the model, its loss, KV cache, LoRA,
/// sampler and the trainer names a device, and every move to the CPU is one of the few listed with its reason.
/// </summary>
public sealed class TensorDeviceTests
{
    private static readonly string[] _scanned = ["src/Model", "src/Finetune"];

    // Disk I/O reads into CPU tensors by design; a loaded checkpoint is moved to its device as a whole.
    private static readonly string[] _notScanned = ["src/Model/Checkpoints/", "src/Model/Tokenization/"];

    private static readonly Regex _factory = new(
        @"(?<![\w.])(?:torch\.)?(zeros|ones|full|empty|arange|tensor|rand|randn|randint|eye|linspace|as_tensor|from_array)\(",
        RegexOptions.CultureInvariant);

    private static readonly Regex _toCpu = new(@"\.cpu\(\)|[(,]\s*CPU\)", RegexOptions.CultureInvariant);

    // File, a piece of the line, and why it may make or move a tensor on the CPU.
    private static readonly (string File, string Line, string Why)[] _allowed =
    [
        ("src/Model/CausalLanguageModel.cs", "new Parameter(unitOffset ? zeros(size, dtype) : ones(size, dtype))",
            "a norm's weight at construction: the model is built on the CPU and moved to its device whole"),
        ("src/Model/Lora/LoraLayer.cs", "empty(options.Rank, inFeatures, ScalarType.Float32).uniform_(",
            "drawn from a seeded CPU generator so a seed gives the same adapters on every device, then moved"),
        ("src/Model/Lora/LoraAdapters.cs", "new Generator((ulong)seed, CPU)", "the generator LoRA's A draws from"),
        ("src/Model/LocalModel.cs", "new Generator((ulong)seed, CPU)", "a made-from-scratch model's initialisation"),
        ("src/Model/Generation/TokenSampler.cs", "scores.argmax(-1).cpu()",
            "generation only: the chosen ids go to the host to decode"),
        ("src/Model/Generation/TokenSampler.cs", ".to_type(ScalarType.Float64).cpu()",
            "generation only: the draw is on the host so a seed gives the same tokens on every device"),
    ];

    [Fact]
    public void Every_tensor_the_training_path_makes_is_made_on_a_named_device()
    {
        var offenders = SourceLines()
            .SelectMany(source => _factory.Matches(source.Line).Select(match => (source, match)))
            .Where(found => !Arguments(found.source.Text, found.match.Index + found.match.Length)
                .Contains("device", StringComparison.Ordinal))
            .Where(found => !IsAllowed(found.source))
            .Select(found => $"{found.source.File}:{found.source.Number}: {found.source.Line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0,
            "tensors made without a device (pass the model's):\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Only_the_listed_places_move_a_tensor_to_the_cpu()
    {
        var offenders = SourceLines()
            .Where(source => _toCpu.IsMatch(source.Line) && !IsAllowed(source))
            .Select(source => $"{source.File}:{source.Number}: {source.Line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "tensors moved to the CPU:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Every_listed_exception_is_still_in_the_source()
    {
        var lines = SourceLines().ToList();

        Assert.All(_allowed, allowed => Assert.Contains(lines, source =>
            source.File == allowed.File && source.Line.Contains(allowed.Line, StringComparison.Ordinal)));
    }

    private static bool IsAllowed(SourceLine source) =>
        _allowed.Any(allowed => allowed.File == source.File
            && source.Line.Contains(allowed.Line, StringComparison.Ordinal));

    // A call's arguments as written: from after its opening parenthesis to the matching one, over lines if need be.
    private static string Arguments(string text, int start)
    {
        var depth = 1;
        for (var position = start; position < text.Length; position++)
        {
            depth += text[position] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
            {
                return text[start..position];
            }
        }
        return text[start..];
    }

    // Each code line, and with the next two joined on, so a call written over lines is whole; comments left out.
    private static IEnumerable<SourceLine> SourceLines()
    {
        var root = RepositoryRoot.Find();
        foreach (var folder in _scanned)
        {
            foreach (var path in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            {
                var file = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
                if (file.Contains("/obj/", StringComparison.Ordinal) || file.Contains("/bin/", StringComparison.Ordinal)
                    || _notScanned.Any(prefix => file.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    continue;
                }
                var lines = File.ReadAllLines(path);
                for (var index = 0; index < lines.Length; index++)
                {
                    if (lines[index].TrimStart().StartsWith("//", StringComparison.Ordinal))
                    {
                        continue;
                    }
                    yield return new SourceLine(file, index + 1, lines[index],
                        string.Join(' ', lines.Skip(index).Take(3)));
                }
            }
        }
    }

    private sealed record SourceLine(string File, int Number, string Line, string Text);
}
