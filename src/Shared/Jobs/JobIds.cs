using System.Security.Cryptography;
using System.Text;

namespace Platform.Shared.Jobs;

/// <summary>
/// Job ids come from content and options: the same bytes with the same options always give the same
/// id, so a repeated upload, a duplicate event or a replayed trigger never trains twice.
/// </summary>
public static class JobIds
{
    /// <summary><c>{model}-{first 12 hex digits of SHA-256(content hash ‖ canonical options)}</c>.</summary>
    public static string Compute(string model, string contentSha256, string canonicalOptionsJson, string? nonce = null)
    {
        var input = Encoding.UTF8.GetBytes($"{contentSha256}\n{canonicalOptionsJson}\n{nonce}");
        return $"{model}-{Convert.ToHexStringLower(SHA256.HashData(input))[..12]}";
    }
}
