using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace SelfInstruct.Cli.Serve;

/// <summary>The <c>--api-key-env</c> check of <c>serve</c> and <c>view</c>: 'Authorization: Bearer KEY'.</summary>
internal static class BearerKey
{
    /// <summary>Whether the request may pass: no key is required, or it carries the key.</summary>
    public static bool Admits(HttpRequest request, string? key)
    {
        if (key is null)
        {
            return true;
        }
        // Compared in constant time, so response times say nothing about how much of a guess was right.
        var given = Encoding.UTF8.GetBytes(request.Headers.Authorization.ToString());
        return CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes($"Bearer {key}"));
    }

    /// <summary>The key named by <c>--api-key-env</c>, or null when no variable was named.</summary>
    /// <exception cref="InvalidOperationException">The variable is not set.</exception>
    public static string? Read(string? variable, Func<string, string?> environment) =>
        variable is null ? null : environment(variable)
            ?? throw new InvalidOperationException($"--api-key-env: the environment variable {variable} is not set");
}
