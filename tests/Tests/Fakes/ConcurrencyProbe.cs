namespace SelfInstruct.Tests.Fakes;

/// <summary>
/// A chat client that holds its requests until <c>limit</c> of them are in flight at once, then answers them all,
/// recording the most it ever saw in flight. Under a looser limit it sees more; under a tighter one it never fills
/// up and the waiting requests fail after ten seconds.
/// </summary>
public sealed class ConcurrencyProbe
{
    private readonly TaskCompletionSource _full = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _maxInFlight;

    public ConcurrencyProbe(int limit)
    {
        Client = new FakeChatClient(async (_, _, token) =>
        {
            var inFlight = Interlocked.Increment(ref _inFlight);
            InterlockedMax(inFlight);
            if (inFlight >= limit)
            {
                _full.TrySetResult();
            }
            await _full.Task.WaitAsync(TimeSpan.FromSeconds(10), token);
            await Task.Yield();
            Interlocked.Decrement(ref _inFlight);
            return FakeChatClient.Reply("ok");
        });
    }

    public FakeChatClient Client { get; }

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    private void InterlockedMax(int value)
    {
        var seen = Volatile.Read(ref _maxInFlight);
        while (value > seen && Interlocked.CompareExchange(ref _maxInFlight, value, seen) != seen)
        {
            seen = Volatile.Read(ref _maxInFlight);
        }
    }
}
