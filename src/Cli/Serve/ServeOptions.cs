using SelfInstruct.Model;

namespace SelfInstruct.Cli.Serve;

/// <summary>How <c>selfinstruct serve</c> listens.</summary>
/// <param name="ModelName">The id clients name in requests and <c>/v1/models</c> lists.</param>
/// <param name="Host">The address to bind; loopback by default, so nothing is exposed by accident.</param>
/// <param name="Port">The TCP port; 0 picks a free one.</param>
/// <param name="ApiKey">When set, every request must carry it as a bearer token.</param>
/// <param name="MaxQueuedRequests">Requests waiting or running beyond this get 503.</param>
/// <param name="Dtype">The dtype the checkpoint is loaded and run in, whatever it is stored in.</param>
public sealed record ServeOptions(
    string ModelName,
    string Host = "127.0.0.1",
    int Port = 8000,
    string? ApiKey = null,
    int MaxQueuedRequests = 64,
    ComputeDtype Dtype = ComputeDtype.Fp32);
