namespace SelfInstruct.Core.Jinja;

/// <summary>
/// A string or dict method looked up on a value (<c>text.strip</c>), called by the next postfix <c>( )</c>.
/// </summary>
internal sealed record BoundMethod(object Target, string Name);
