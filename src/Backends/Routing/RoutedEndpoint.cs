using Microsoft.Extensions.AI;

namespace SelfInstruct.Backends.Routing;

/// <summary>One server behind an <see cref="EndpointRouter"/>.</summary>
/// <param name="Name">How the server is named in statistics and messages: its URL, never a key.</param>
/// <param name="Client">The server's own client, which throws <see cref="BackendException"/>s.</param>
/// <param name="Weight">Its share of the load: an endpoint of weight 2 takes twice the requests in flight.</param>
/// <param name="Concurrency">The most requests it takes at once; null for no limit of its own.</param>
public sealed record RoutedEndpoint(string Name, IChatClient Client, double Weight = 1, int? Concurrency = null);
