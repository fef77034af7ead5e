namespace SelfInstruct.Evaluate.Prompts;

/// <summary>
/// Picks the one prompt style every model under test is asked with, so base and tuned are compared on the same
/// prompts: an explicit style wins; with auto, a fine-tuning format stored in any checkpoint under test is used for
/// all models (the tuned model sees the prompt it was trained on and the base model the very same text); with none
/// stored, the set's own prompt (SuperNI's definition prompt, or the user-oriented prompt for the other sets).
/// </summary>
public static class PromptResolution
{
    /// <summary>The resolved style and a sentence saying why, for results and reports.</summary>
    /// <exception cref="ConfigException">Auto, and two checkpoints store different formats.</exception>
    public static (PromptStyle Style, string Reason) Resolve(
        PromptStyle requested, EvaluationSetKind set, IReadOnlyList<ModelSpec> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (requested != PromptStyle.Auto)
        {
            return (requested, "chosen in the settings");
        }
        var stored = models
            .Where(model => model.Checkpoint is not null)
            .Select(model => (model.Name, Kind: PromptFormatFile.Read(model.Checkpoint!)))
            .Where(pair => pair.Kind is not null)
            .ToList();
        var kinds = stored.Select(pair => pair.Kind!.Value).Distinct().ToList();
        if (kinds.Count > 1)
        {
            throw new ConfigException("prompt", stored.Select(pair =>
                    $"model '{pair.Name}' stores the {PromptFormatFile.Name(pair.Kind!.Value)} format")
                .Append("models must be prompted alike: choose one with --prompt").ToList());
        }
        if (kinds.Count == 1)
        {
            var style = kinds[0] switch
            {
                PromptFormatKind.Alpaca => PromptStyle.Alpaca,
                PromptFormatKind.Chat => PromptStyle.Chat,
                _ => PromptStyle.SelfInstruct,
            };
            return (style, $"stored by {string.Join(", ", stored.Select(pair => pair.Name))}; used for every model " +
                "so all see the same prompts");
        }
        return set == EvaluationSetKind.SuperNi
            ? (PromptStyle.SuperNi, "no model stores a prompt format; SuperNI's definition prompt")
            : (PromptStyle.UserOriented, "no model stores a prompt format; the user-oriented prompt");
    }
}
