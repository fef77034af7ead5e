namespace SelfInstruct.Core.Jinja;

/// <summary>
/// A callable global of a template, such as the <c>strftime_now</c> that Hugging Face passes to chat templates.
/// It receives the call's positional arguments as template values and returns one.
/// </summary>
public delegate object? JinjaFunction(IReadOnlyList<object?> arguments);
