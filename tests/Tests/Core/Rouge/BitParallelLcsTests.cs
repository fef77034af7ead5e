using Xunit;

namespace SelfInstruct.Tests.Core.Rouge;

public sealed class BitParallelLcsTests
{
    [Theory]
    [InlineData(1, 5, 5)]
    [InlineData(2, 40, 70)]
    [InlineData(3, 64, 64)]
    [InlineData(4, 65, 30)]
    [InlineData(5, 130, 200)]
    [InlineData(6, 300, 260)]
    public void Equals_the_dynamic_programme_on_random_sequences(int seed, int firstLength, int secondLength)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 50; trial++)
        {
            var alphabet = random.Next(2, 12);
            var first = RandomSequence(random, firstLength, alphabet);
            var second = RandomSequence(random, secondLength, alphabet);

            var length = BitParallelLcs.Length(first, second);

            Assert.Equal(DynamicProgramme(first, second), length);
        }
    }

    [Fact]
    public void Counts_a_full_64_token_match()
    {
        var tokens = Enumerable.Range(0, 64).ToArray();

        var length = BitParallelLcs.Length(tokens, tokens);

        Assert.Equal(64, length);
    }

    private static int[] RandomSequence(Random random, int maxLength, int alphabet) =>
        Enumerable.Range(0, random.Next(0, maxLength + 1)).Select(_ => random.Next(alphabet)).ToArray();

    private static int DynamicProgramme(int[] first, int[] second)
    {
        var table = new int[first.Length + 1, second.Length + 1];
        for (var i = 1; i <= first.Length; i++)
        {
            for (var j = 1; j <= second.Length; j++)
            {
                table[i, j] = first[i - 1] == second[j - 1]
                    ? table[i - 1, j - 1] + 1
                    : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }
        return table[first.Length, second.Length];
    }
}
