using Microsoft.Extensions.Caching.Distributed;

namespace SelfInstruct.Backends;

/// <summary>
/// An <see cref="IDistributedCache"/> on disk, one file per entry, so responses survive the process: a rerun or a
/// resume never pays for the same request twice. Entries never expire; delete the folder to start over.
/// </summary>
public sealed class FileDistributedCache : IDistributedCache
{
    private readonly string _directory;

    public FileDistributedCache(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    public byte[]? Get(string key)
    {
        var path = PathOf(key);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        var path = PathOf(key);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, token) : null;
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        AtomicFile.WriteAllBytes(PathOf(key), value);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options,
        CancellationToken token = default) =>
        AtomicFile.WriteAsync(PathOf(key), stream => stream.WriteAsync(value, token).AsTask(), token);

    // Entries never expire, so there is nothing to refresh.
    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => File.Delete(PathOf(key));

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }

    // Keys from the caching chat client are hashes already; hashing again keeps any key a safe file name.
    private string PathOf(string key)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(key)));
        return Path.Combine(_directory, hash[..2], hash + ".json");
    }
}
