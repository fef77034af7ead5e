namespace SelfInstruct.Cli.View;

/// <summary>
/// The page's files, embedded in the program: the only files the server hands out besides the run's plots, so a
/// request path never reaches the disk.
/// </summary>
internal static class ViewAssets
{
    private static readonly Dictionary<string, (string Resource, string ContentType)> _assets = new(StringComparer.Ordinal)
    {
        ["/"] = ("SelfInstruct.Cli.View.index.html", "text/html; charset=utf-8"),
        ["/view.css"] = ("SelfInstruct.Cli.View.view.css", "text/css; charset=utf-8"),
        ["/view.js"] = ("SelfInstruct.Cli.View.view.js", "text/javascript; charset=utf-8"),
    };

    /// <summary>The request paths of the page's files.</summary>
    public static IEnumerable<string> Paths => _assets.Keys;

    /// <summary>The file at <paramref name="path"/> and its content type.</summary>
    public static (byte[] Content, string ContentType) Read(string path)
    {
        var (resource, contentType) = _assets[path];
        using var stream = typeof(ViewAssets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the build embeds no {resource}");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return (buffer.ToArray(), contentType);
    }
}
