namespace SelfInstruct.Model.Checkpoints;

/// <summary>
/// The rotary settings of a config.json: <c>rope_theta</c> and <c>rope_scaling</c> as transformers 4.x writes them,
/// or <c>rope_parameters</c> (with <c>rope_theta</c> inside) as 5.x does; the type is <c>rope_type</c>, or the
/// older <c>type</c>. Types other than default, linear, dynamic and llama3 are refused, and so is a
/// <c>partial_rotary_factor</c> other than 1; keys the implemented types never read are ignored, as in
/// transformers.
/// </summary>
internal static class HfRopeParameters
{
    private const string ScalingKey = "rope_scaling";
    private const string ParametersKey = "rope_parameters";

    /// <summary>The rotary base and the rescaling, null for none.</summary>
    /// <exception cref="InvalidDataException">An unknown type, or a field the type needs is missing.</exception>
    public static (double Theta, RopeScaling? Scaling) Read(ConfigReader reader)
    {
        var parameters = reader.OptionalNested(ParametersKey);
        var scaling = reader.OptionalNested(ScalingKey) ?? parameters;
        var theta = reader.OptionalDouble("rope_theta") ?? parameters?.OptionalDouble("rope_theta") ?? 10000;
        foreach (var source in new[] { reader, scaling })
        {
            if (source?.OptionalDouble("partial_rotary_factor") is { } partial && partial != 1)
            {
                throw source.Error("partial_rotary_factor", "1 (every dimension rotated)",
                    ConfigProblems.Text(partial));
            }
        }
        if (scaling is null)
        {
            return (theta, null);
        }
        var typeKey = scaling.Has("rope_type") ? "rope_type" : "type";
        var type = scaling.OptionalString(typeKey) ?? "default";
        return type switch
        {
            "default" => (theta, null),
            "linear" => (theta, new RopeScaling { Type = RopeScalingType.Linear, Factor = scaling.Double("factor") }),
            "dynamic" => (theta, new RopeScaling { Type = RopeScalingType.Dynamic, Factor = scaling.Double("factor") }),
            "llama3" => (theta, new RopeScaling
            {
                Type = RopeScalingType.Llama3,
                Factor = scaling.Double("factor"),
                LowFrequencyFactor = scaling.Double("low_freq_factor"),
                HighFrequencyFactor = scaling.Double("high_freq_factor"),
                OriginalMaxPositions = scaling.Int("original_max_position_embeddings"),
            }),
            _ => throw scaling.Error(typeKey, "default, linear, dynamic or llama3 (yarn, longrope and the other " +
                "rope types are not implemented)", $"\"{type}\""),
        };
    }

    /// <summary>The <c>rope_scaling</c> object transformers 4.x writes, or null for none.</summary>
    public static JsonObject? ScalingJson(RopeScaling? scaling)
    {
        if (scaling is null)
        {
            return null;
        }
        var json = new JsonObject
        {
            ["factor"] = scaling.Factor,
            ["rope_type"] = EnumNames.Name(scaling.Type),
        };
        if (scaling.Type == RopeScalingType.Llama3)
        {
            json["high_freq_factor"] = scaling.HighFrequencyFactor;
            json["low_freq_factor"] = scaling.LowFrequencyFactor;
            json["original_max_position_embeddings"] = scaling.OriginalMaxPositions;
        }
        return json;
    }
}
