using Microsoft.Extensions.AI;
using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;

namespace SelfInstruct.Backends;

/// <summary>
/// A checkpoint folder loaded in-process as the pipeline's <see cref="IChatClient"/>: raw completion (the prompt as
/// it is, what base models need) or the chat transcript for chat-tuned models. No network, no key.
/// </summary>
public static class LocalBackend
{
    /// <summary>
    /// The client over the checkpoint in <paramref name="folder"/>, run in <paramref name="dtype"/>; disposing it frees
    /// the model.
    /// </summary>
    /// <exception cref="FileNotFoundException">The folder lacks a checkpoint file.</exception>
    /// <exception cref="InvalidDataException">A checkpoint file is malformed.</exception>
    public static IChatClient Create(string folder, OpenAIApi api, ComputeDtype dtype = ComputeDtype.Fp32)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{folder}: no such checkpoint folder");
        }
        var model = LocalModel.Load(folder, Checkpoint.ScalarTypeOf(dtype));
        var chat = model.CreateChatClient(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)));
        return new OwningChatClient(api == OpenAIApi.Completions ? chat.RawCompletions : chat, chat, model);
    }

    /// <summary>
    /// Passes calls on, reports what the model refuses (a prompt over its context length) as a bad request the
    /// pipeline counts, and frees the chat client and the model with itself.
    /// </summary>
    private sealed class OwningChatClient(IChatClient inner, params IDisposable[] owned) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(
            IEnumerable<ChatMessage> messages,
            ChatOptions? options = null,
            CancellationToken cancellationToken = default)
        {
            try
            {
                return await base.GetResponseAsync(messages, options, cancellationToken);
            }
            catch (ArgumentException exception)
            {
                throw new BackendException(BackendException.BadRequest, exception.Message, isFatal: false, exception);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                foreach (var disposable in owned)
                {
                    disposable.Dispose();
                }
            }
            base.Dispose(disposing);
        }
    }
}
