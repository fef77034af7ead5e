using SelfInstruct.Model;
using SelfInstruct.Model.Tokenization;

namespace SelfInstruct.Tests.Support;

/// <summary>
/// A tiny byte-level checkpoint that ships a chat template: Zephyr's layout, with the end-of-text token ending every
/// message, so its end of turn is one token of the byte-level vocabulary.
/// </summary>
internal static class TemplatedCheckpoint
{
    /// <summary>Zephyr's template: a role line, the message, the end-of-text token, a line break.</summary>
    public const string Template =
        "{% for message in messages %}{{ '<|' + message['role'] + '|>\\n' + message['content'] + eos_token + '\\n' }}" +
        "{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% endif %}";

    /// <summary>Writes the model into <paramref name="folder"/> with <see cref="Template"/> beside it.</summary>
    public static async Task<string> CreateAsync(string folder, long seed = 5)
    {
        var tokenizer = ModelTokenizer.CreateByteLevel();
        var config = new ModelConfig
        {
            VocabSize = tokenizer.VocabSize,
            HiddenSize = 32,
            IntermediateSize = 64,
            HeadCount = 2,
            KeyValueHeadCount = 2,
            HeadDimension = 16,
            MaxPositions = 128,
        };
        using (var model = LocalModel.Create(config, tokenizer, seed))
        {
            await model.SaveAsync(folder, CancellationToken.None);
        }
        await File.WriteAllTextAsync(Path.Combine(folder, ChatTemplate.FileName), Template);
        return folder;
    }
}
