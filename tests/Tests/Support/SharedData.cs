namespace SelfInstruct.Tests.Support;

/// <summary>
/// Finds <c>../shared</c> beside the repository, which holds reference data the tests compare against. It is absent
/// in a user's clone, where the tests that need it skip; CI (<c>.ci/run</c>) fails when it is missing.
/// </summary>
public static class SharedData
{
    /// <summary>The shared folder, or null when there is none beside the repository.</summary>
    public static string? Root { get; } = Find();

    /// <summary>Why a test that needs the shared data is skipped.</summary>
    public const string MissingReason =
        "../shared (reference data beside the repository) is not here; CI provides it and .ci/run requires it";

    /// <summary>A path inside the shared folder, for tests marked <see cref="SharedDataFactAttribute"/>.</summary>
    public static string PathTo(string relativePath) =>
        Path.Combine(Root ?? throw new InvalidOperationException(MissingReason), relativePath);

    private static string? Find()
    {
        var repository = RepositoryRoot.Find();
        var shared = Path.GetFullPath(Path.Combine(repository, "..", "shared"));
        return Directory.Exists(Path.Combine(shared, "data")) ? shared : null;
    }
}
