namespace SelfInstruct.Core.Configuration;

/// <summary>
/// A settings record of a stage or of the model: it lists every problem with its values at once, each problem
/// starting with the key path of the setting (<c>learning_rate</c>, <c>generate.num_instructions</c>).
/// <see cref="ConfigValidation.Validate"/> turns them into one <see cref="ConfigException"/>.
/// </summary>
public interface IConfigRecord
{
    /// <summary>Every problem, each naming the setting and the value found; empty when the settings can run.</summary>
    IReadOnlyList<string> Problems();
}
