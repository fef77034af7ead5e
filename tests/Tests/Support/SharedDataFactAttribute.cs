using Xunit;

namespace SelfInstruct.Tests.Support;

/// <summary>A fact that needs <c>../shared</c>; it skips with the reason where the folder is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (SharedData.Root is null)
        {
            Skip = SharedData.MissingReason;
        }
    }
}
