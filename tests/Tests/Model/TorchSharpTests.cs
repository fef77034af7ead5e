using Xunit;

namespace SelfInstruct.Tests.Model;

/// <summary>
/// Tests that run TorchSharp share this collection and never run in parallel: TorchSharp keeps global state
/// (the default generator's seed, the default dtype, the grad mode), and two cores are better spent on one test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchSharpTests
{
    public const string Name = "TorchSharp";
}
