namespace SelfInstruct.Model.Lora;

/// <summary>
/// PEFT's <c>adapter_config.json</c> for a LoRA adapter. Reading accepts plain LoRA only: settings that change the
/// computation (rank-stabilised scaling, DoRA, per-layer ranks, biases, transposed weights) are refused by name.
/// </summary>
internal static class AdapterConfigFile
{
    public const string FileName = "adapter_config.json";

    public static Task WriteAsync(
        string path, LoraOptions options, string? baseModel, CancellationToken cancellationToken)
    {
        var json = new JsonObject
        {
            ["peft_type"] = "LORA",
            ["task_type"] = "CAUSAL_LM",
            ["base_model_name_or_path"] = baseModel,
            ["r"] = options.Rank,
            ["lora_alpha"] = options.Alpha,
            ["lora_dropout"] = options.Dropout,
            ["target_modules"] = new JsonArray(options.TargetModules.Select(name => (JsonNode?)name).ToArray()),
            ["bias"] = "none",
            ["fan_in_fan_out"] = false,
            ["use_rslora"] = false,
            ["use_dora"] = false,
            ["modules_to_save"] = null,
            ["init_lora_weights"] = true,
            ["inference_mode"] = true,
        };
        var text = json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        return AtomicFile.WriteTextAsync(path, text, cancellationToken);
    }

    /// <exception cref="InvalidDataException">
    /// The file is malformed or asks for something other than plain LoRA; every such field is named.
    /// </exception>
    public static (LoraOptions Options, string? BaseModel) Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file; a LoRA adapter folder needs {FileName}", path);
        }
        var json = JsonFile.ReadObject(path);
        var problems = new List<string>();
        Expect(json, "peft_type", "\"LORA\"", node => node?.GetValue<string>() == "LORA", problems);
        Expect(json, "bias", "\"none\"", node => node is null || node.GetValue<string>() == "none", problems);
        foreach (var flag in new[] { "use_rslora", "use_dora", "fan_in_fan_out" })
        {
            Expect(json, flag, "false", node => node is null || !node.GetValue<bool>(), problems);
        }
        foreach (var pattern in new[] { "rank_pattern", "alpha_pattern" })
        {
            Expect(json, pattern, "an empty object", node => node is null || node.AsObject().Count == 0, problems);
        }
        foreach (var unsupported in new[] { "layers_to_transform", "modules_to_save" })
        {
            Expect(json, unsupported, "null", node => node is null || node.AsArray().Count == 0, problems);
        }
        Expect(json, "target_modules", "a list of names", node => node is JsonArray, problems);
        var options = new LoraOptions
        {
            Rank = Value(json, "r", node => node.GetValue<int>(), problems),
            Alpha = Value(json, "lora_alpha", node => node.GetValue<double>(), problems),
            Dropout = json["lora_dropout"] is null
                ? 0
                : Value(json, "lora_dropout", node => node.GetValue<double>(), problems),
            TargetModules = (json["target_modules"] as JsonArray)?
                .Select(node => node?.GetValue<string>() ?? "null").ToList() ?? [],
        };
        if (problems.Count == 0)
        {
            problems.AddRange(options.Problems());
        }
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{path}: {string.Join("; ", problems)}");
        }
        var baseModel = json["base_model_name_or_path"] is JsonValue value ? value.GetValue<string>() : null;
        return (options, baseModel);
    }

    private static void Expect(
        JsonObject json, string field, string expected, Func<JsonNode?, bool> accepts, List<string> problems)
    {
        var node = json[field];
        bool accepted;
        try
        {
            accepted = accepts(node);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException)
        {
            accepted = false;
        }
        if (!accepted)
        {
            problems.Add($"{field}: expected {expected}, found {node?.ToJsonString() ?? "nothing"}");
        }
    }

    private static T Value<T>(JsonObject json, string field, Func<JsonNode, T> read, List<string> problems)
        where T : struct
    {
        var node = json[field];
        try
        {
            return node is null ? throw new InvalidOperationException() : read(node);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException)
        {
            problems.Add($"{field}: expected a number, found {node?.ToJsonString() ?? "nothing"}");
            return default;
        }
    }
}
