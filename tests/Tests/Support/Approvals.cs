using Xunit;

namespace SelfInstruct.Tests.Support;

/// <summary>
/// Approved-file snapshots in tests/Tests/Approved. A mismatch writes the received text beside the approved file
/// (<c>.received.txt</c>) so a reviewer can diff and, if right, copy it over.
/// </summary>
public static class Approvals
{
    public static void Verify(string name, string received)
    {
        var approvedPath = RepositoryRoot.PathTo(Path.Combine("tests", "Tests", "Approved", name));
        var normalized = received.Replace("\r\n", "\n", StringComparison.Ordinal);
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : null;
        if (approved != normalized)
        {
            File.WriteAllText(Path.ChangeExtension(approvedPath, ".received.txt"), normalized);
        }
        Assert.Equal(approved, normalized);
    }
}
