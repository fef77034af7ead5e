namespace SelfInstruct.Generate.Batch;

/// <summary>What a batch made of one request: its reply, or the reason it failed.</summary>
internal sealed record BatchAnswer(ModelReply? Reply, string? Failure)
{
    public static BatchAnswer Answered(ModelReply reply) => new(reply, null);

    public static BatchAnswer Failed(string reason) => new(null, reason);
}
