namespace SelfInstruct.Tests.Support;

/// <summary>The repository root: the nearest folder above the test binaries that holds SelfInstruct.sln.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SelfInstruct.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"no SelfInstruct.sln above {AppContext.BaseDirectory}");
    }

    public static string PathTo(string relativePath) => Path.Combine(Find(), relativePath);
}
