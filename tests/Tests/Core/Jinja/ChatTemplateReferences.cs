using SelfInstruct.Core.Jinja;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Core.Jinja;

/// <summary>
/// The renderings that <c>tests/Fixtures/ChatTemplates/render_references.py</c> produced with the real jinja2,
/// configured as transformers configures it, with each case's variables turned into template values.
/// </summary>
internal static class ChatTemplateReferences
{
    private static readonly Lazy<JsonDocument> _references = new(() =>
        JsonDocument.Parse(File.ReadAllText(PathTo("references.json"))));

    private static readonly Lazy<JsonDocument> _constructs = new(() =>
        JsonDocument.Parse(File.ReadAllText(PathTo("construct_references.json"))));

    public static string PathTo(string file) =>
        RepositoryRoot.PathTo(Path.Combine("tests", "Fixtures", "ChatTemplates", file));

    /// <summary>Every case as "template/case", the key <see cref="Find"/> takes.</summary>
    public static TheoryData<string> Keys()
    {
        var keys = new TheoryData<string>();
        foreach (var result in Results())
        {
            keys.Add(Key(result));
        }
        return keys;
    }

    public static JsonElement Find(string key) => Results().Single(result => Key(result) == key);

    public static TheoryData<string> ConstructNames()
    {
        var names = new TheoryData<string>();
        foreach (var result in _constructs.Value.RootElement.GetProperty("results").EnumerateArray())
        {
            names.Add(result.GetProperty("name").GetString()!);
        }
        return names;
    }

    public static JsonElement FindConstruct(string name) =>
        _constructs.Value.RootElement.GetProperty("results").EnumerateArray()
            .Single(result => result.GetProperty("name").GetString() == name);

    /// <summary>
    /// The render gives the reference's expected text, or fails with its error at its line; a
    /// <c>raise_exception</c> (jinja2's TemplateError) reads "the template refused: ...".
    /// </summary>
    public static void AssertOutcome(JsonElement reference, string file, Func<string> render)
    {
        if (reference.TryGetProperty("expected", out var expected))
        {
            Assert.Equal(expected.GetString(), render());
            return;
        }
        var error = Assert.Throws<JinjaException>(render);
        var message = reference.GetProperty("error").GetString();
        var refused = reference.GetProperty("error_type").GetString() == "TemplateError";
        Assert.Equal(refused ? $"the template refused: {message}" : message, error.What);
        Assert.Equal(reference.GetProperty("line").GetInt32(), error.Line);
        Assert.Equal($"{file}:{error.Line}: {error.What}", error.Message);
    }

    /// <summary>
    /// The case's variables, handed over as the JSON elements they are, plus <c>strftime_now</c> at the fixed date the
    /// references were rendered at.
    /// </summary>
    public static Dictionary<string, object?> Globals(JsonElement result)
    {
        var date = DateTimeOffset.Parse(
            _references.Value.RootElement.GetProperty("date").GetString()!, CultureInfo.InvariantCulture);
        var globals = result.GetProperty("variables").EnumerateObject()
            .ToDictionary(variable => variable.Name, variable => (object?)variable.Value);
        globals["strftime_now"] = new JinjaFunction(arguments => PythonStrftime.Format(date, (string)arguments[0]!));
        return globals;
    }

    private static string Key(JsonElement result) =>
        $"{result.GetProperty("template").GetString()}/{result.GetProperty("case").GetString()}";

    private static JsonElement.ArrayEnumerator Results() =>
        _references.Value.RootElement.GetProperty("results").EnumerateArray();
}
