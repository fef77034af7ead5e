namespace SelfInstruct.Core.Jinja;

/// <summary>
/// A chat template that cannot be parsed or rendered: a syntax error, a construct outside the supported subset, an
/// undefined value used where jinja2 fails too, or a <c>raise_exception</c> call. The message is one line,
/// <c>SOURCENAME:LINE: what</c>, to be reported as bad input (exit code 2). It derives from <see cref="Exception"/>
/// because <see cref="InvalidDataException"/> is sealed.
/// </summary>
public sealed class JinjaException : Exception
{
    public JinjaException()
        : this("template", 0, "template error")
    {
    }

    public JinjaException(string message)
        : this("template", 0, message)
    {
    }

    public JinjaException(string message, Exception innerException)
        : base(message, innerException)
    {
        SourceName = "template";
    }

    /// <summary>An error at one line of a template.</summary>
    public JinjaException(string sourceName, int line, string what)
        : base($"{sourceName}:{line}: {what}")
    {
        SourceName = sourceName;
        Line = line;
        What = what;
    }

    /// <summary>The template's name as the caller gave it, usually its file name.</summary>
    public string SourceName { get; }

    /// <summary>The 1-based template line the error points at.</summary>
    public int Line { get; }

    /// <summary>The message without its <c>SOURCENAME:LINE:</c> prefix.</summary>
    public string What { get; } = "";
}
