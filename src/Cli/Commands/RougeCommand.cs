using System.CommandLine;

namespace SelfInstruct.Cli.Commands;

/// <summary>
/// <c>selfinstruct rouge</c>: scores JSON lines with ROUGE-L exactly as rouge_score (or the SuperNI metric) does,
/// copying each input line's fields and adding the scores.
/// </summary>
internal sealed class RougeCommand : Command
{
    private const string StandardInputName = "<stdin>";

    private readonly TextReader _input;
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly Argument<FileInfo?> _file = new("FILE")
    {
        Description = "JSON lines {\"prediction\", \"reference\"} to score; each output line keeps the input's " +
            "fields and adds \"rougeL\": {precision, recall, fmeasure}. A bad line is reported on stderr with its " +
            "line number and skipped, and the exit code is then 1 [default: standard input].",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<bool> _stem = new("--stem")
    {
        Description = "Porter-stem tokens longer than 3 characters, as SuperNI does [default: off, as Self-Instruct].",
    };

    private readonly Option<bool> _superNi = new("--superni")
    {
        Description = "Score {\"prediction\", \"references\": [...]} with the SuperNI metric: adds \"exact_match\" " +
            "(0 or 1) and \"rougeL\" (F in 0..1, stemmed), each the max over the references.",
    };

    private readonly Option<TextMode?> _textMode = EnumOption.Create<TextMode>("--text-mode",
        "How texts become tokens. english (unset): rouge_score's tokenizer, ASCII letters and digits only. unicode: " +
        "any script; runs of letters and digits after NFKC and lower-casing, one token per CJK ideograph, kana or " +
        "Hangul syllable; no stemming (there is no stemmer for other languages), so not with --stem; with --superni, " +
        "exact match also drops punctuation and symbols of any script.");

    public RougeCommand(TextReader input, TextWriter output, TextWriter error)
        : base("rouge", "Score JSON lines with ROUGE-L exactly as rouge_score does, or with the SuperNI metric.")
    {
        _input = input;
        _output = output;
        _error = error;
        Arguments.Add(_file);
        Options.Add(_stem);
        Options.Add(_superNi);
        Options.Add(_textMode);
        Validators.Add(result =>
        {
            if (result.GetValue(_textMode) == TextMode.Unicode && result.GetValue(_stem))
            {
                result.AddError("--text-mode unicode has no stemmer: it cannot be combined with --stem");
            }
        });
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var file = parseResult.GetValue(_file);
        var stem = parseResult.GetValue(_stem);
        var superNi = parseResult.GetValue(_superNi);
        var mode = parseResult.GetValue(_textMode) ?? TextMode.English;
        using var reader = file is null ? null : new StreamReader(file.FullName);
        var source = reader ?? _input;
        var name = file?.FullName ?? StandardInputName;
        var lineNumber = 0;
        var skipped = 0;
        while (await source.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                var scored = superNi
                    ? ScoreSuperNi(line, name, lineNumber, mode)
                    : ScorePair(line, name, lineNumber, stem, mode);
                await _output.WriteLineAsync(scored.ToJsonString(JsonOptions.Compact).AsMemory(), cancellationToken);
            }
            catch (InvalidDataException exception)
            {
                await _error.WriteLineAsync($"{exception.Message} (line skipped)");
                skipped++;
            }
        }
        await _output.FlushAsync(cancellationToken);
        if (skipped > 0)
        {
            await _error.WriteLineAsync($"{name}: {skipped} of {lineNumber} lines skipped");
        }
        return skipped == 0 ? 0 : 1;
    }

    private static JsonObject ScorePair(string line, string file, int lineNumber, bool stem, TextMode mode)
    {
        var (json, record) = Parse(line, file, lineNumber);
        var score = RougeL.Score(record.RequireString("reference"), record.RequireString("prediction"), stem, mode);
        json["rougeL"] = new JsonObject
        {
            ["precision"] = score.Precision,
            ["recall"] = score.Recall,
            ["fmeasure"] = score.FMeasure,
        };
        return json;
    }

    private static JsonObject ScoreSuperNi(string line, string file, int lineNumber, TextMode mode)
    {
        var (json, record) = Parse(line, file, lineNumber);
        var prediction = record.RequireString("prediction");
        var references = record.RequireStrings("references");
        var score = SuperNiMetric.Score(prediction, references, mode);
        json["exact_match"] = score.ExactMatch;
        json["rougeL"] = score.RougeL;
        return json;
    }

    private static (JsonObject Json, JsonRecord Record) Parse(string line, string file, int lineNumber)
    {
        var record = JsonRecord.ParseObject(line, file, lineNumber);
        return (JsonNode.Parse(line)!.AsObject(), record);
    }
}
