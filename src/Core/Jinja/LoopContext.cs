namespace SelfInstruct.Core.Jinja;

/// <summary>The <c>loop</c> variable inside a for loop, over the items that passed the loop's filter.</summary>
internal sealed class LoopContext(IReadOnlyList<object?> items)
{
    /// <summary>The 0-based position of the current item.</summary>
    public int Index0 { get; set; }

    public bool TryGet(string name, out object? value)
    {
        value = name switch
        {
            "index" => (long)(Index0 + 1),
            "index0" => (long)Index0,
            "revindex" => (long)(items.Count - Index0),
            "revindex0" => (long)(items.Count - Index0 - 1),
            "first" => Index0 == 0,
            "last" => Index0 == items.Count - 1,
            "length" => (long)items.Count,
            "depth" => 1L,
            "depth0" => 0L,
            "previtem" => Index0 > 0 ? items[Index0 - 1] : new Undefined("there is no previous item"),
            "nextitem" => Index0 + 1 < items.Count ? items[Index0 + 1] : new Undefined("there is no next item"),
            _ => null,
        };
        return value is not null || name is "previtem" or "nextitem";
    }
}
