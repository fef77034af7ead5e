namespace SelfInstruct.Model.Checkpoints;

/// <summary>
/// A checkpoint's <c>generation_config.json</c>, which transformers' <c>generate</c> follows over config.json: its
/// <c>bos_token_id</c>, <c>eos_token_id</c> (an id or a list; generation stops at any of them) and
/// <c>pad_token_id</c> replace config.json's where given.
/// </summary>
public static class GenerationConfigFile
{
    /// <summary>The file name inside a checkpoint folder.</summary>
    public const string FileName = "generation_config.json";

    /// <summary>
    /// <paramref name="config"/> with the special ids of the folder's generation config, when it has one.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is malformed or an id is not an integer.</exception>
    public static ModelConfig Apply(ModelConfig config, string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return config;
        }
        var reader = new ConfigReader(path, JsonFile.ReadObject(path));
        var eos = reader.IntOrInts("eos_token_id");
        return config with
        {
            BosTokenId = reader.OptionalInt("bos_token_id") ?? config.BosTokenId,
            EosTokenIds = eos.Count > 0 ? eos : config.EosTokenIds,
            PadTokenId = reader.OptionalInt("pad_token_id") ?? config.PadTokenId,
        };
    }
}
