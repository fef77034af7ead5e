using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Core.Formats;

public sealed class FingerprintTests
{
    [Fact]
    public async Task Changes_with_any_part_their_order_their_boundaries_and_file_contents()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("seeds.jsonl");
        await File.WriteAllTextAsync(file, "one");
        var before = Fingerprint.Of(FingerprintPart.FileContents(file));
        await File.WriteAllTextAsync(file, "two");

        var after = Fingerprint.Of(FingerprintPart.FileContents(file));

        Assert.NotEqual(before, after);
        Assert.Equal(Of("a", "b"), Of("a", "b"));
        Assert.NotEqual(Of("ab", ""), Of("a", "b"));
        Assert.NotEqual(Of("a", "b"), Of("b", "a"));
        Assert.NotEqual(Of("a"), Of("a", ""));
    }

    [Fact]
    public async Task A_folder_listing_sees_a_new_or_resized_file()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(folder.File("config.json"), "{}");
        var first = Fingerprint.Of(FingerprintPart.FolderListing(folder.Path));
        await File.WriteAllTextAsync(folder.File("model.safetensors"), "weights");
        var second = Fingerprint.Of(FingerprintPart.FolderListing(folder.Path));
        await File.WriteAllTextAsync(folder.File("config.json"), "{ }");

        var third = Fingerprint.Of(FingerprintPart.FolderListing(folder.Path));

        Assert.NotEqual(first, second);
        Assert.NotEqual(second, third);
    }

    [Fact]
    public void Keeps_the_encoding_the_pipelines_stage_ledgers_were_first_written_with()
    {
        // SHA-256 of each part's UTF-8 after its 32-bit little-endian length, as stages.json has always held.
        const string Expected = "3de904cf8ba855a07d9ab80528a91602335324b7ad106e401a384f708232c96c";

        var fingerprint = Fingerprint.Of(
            FingerprintPart.Text("generate"), FingerprintPart.Upstream(""), FingerprintPart.Settings(new { seed = 1 }));

        Assert.Equal(Expected, fingerprint);
    }

    [Fact]
    public void Names_a_missing_folder()
    {
        using var folder = new TemporaryFolder();

        var error = Assert.Throws<DirectoryNotFoundException>(
            () => FingerprintPart.FolderListing(folder.File("absent")));

        Assert.Contains(folder.File("absent"), error.Message);
    }

    private static string Of(params string[] parts) => Fingerprint.Of(parts.Select(FingerprintPart.Text));
}
