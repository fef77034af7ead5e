using System.Collections;

namespace SelfInstruct.Core.Jinja;

/// <summary>
/// A tuple: a <c>(a, b)</c> literal or a pair from <c>dict.items()</c>. It behaves as a list everywhere except
/// when printed, where Python writes <c>(a, b)</c>.
/// </summary>
internal sealed class PythonTuple(IReadOnlyList<object?> items) : IReadOnlyList<object?>
{
    public int Count => items.Count;

    public object? this[int index] => items[index];

    public IEnumerator<object?> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
