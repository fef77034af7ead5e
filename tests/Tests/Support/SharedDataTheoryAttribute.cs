using Xunit;

namespace SelfInstruct.Tests.Support;

/// <summary>A theory that needs <c>../shared</c>; it skips with the reason where the folder is absent.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (SharedData.Root is null)
        {
            Skip = SharedData.MissingReason;
        }
    }
}
