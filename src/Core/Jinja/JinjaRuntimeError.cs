namespace SelfInstruct.Core.Jinja;

/// <summary>
/// An error raised while evaluating a value, before its template line is known; the renderer turns it into a
/// <see cref="JinjaException"/> naming the line of the statement being run.
/// </summary>
internal sealed class JinjaRuntimeError : Exception
{
    public JinjaRuntimeError()
    {
    }

    public JinjaRuntimeError(string message)
        : base(message)
    {
    }

    public JinjaRuntimeError(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
