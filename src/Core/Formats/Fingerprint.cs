using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SelfInstruct.Core.Formats;

/// <summary>
/// What a result depends on, as one lower-case SHA-256 hex string: a pipeline stage's inputs, the settings an
/// evaluation's predictions were made with, a model request. Equal parts give equal fingerprints in every run;
/// any change to a part, to their order or to their number gives a different one.
/// </summary>
public static class Fingerprint
{
    /// <summary>The hash of the parts, in order.</summary>
    /// <remarks>
    /// Each part is its UTF-8 value after a 32-bit little-endian byte count, so no two lists of parts encode alike.
    /// A part's kind is not encoded: each caller fixes the kind of each position, and stage ledgers written before
    /// this type keep their fingerprints.
    /// </remarks>
    public static string Of(params IEnumerable<FingerprintPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[sizeof(int)];
        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part);
            var bytes = Encoding.UTF8.GetBytes(part.Value);
            BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
