namespace SelfInstruct.Core.Jinja;

/// <summary>Python's <c>value[start:stop:step]</c> on a list or string, negative bounds and steps included.</summary>
internal static class PythonSlice
{
    public static object? Apply(object? target, object? start, object? stop, object? step)
    {
        if (target is not (string or IReadOnlyList<object?>))
        {
            throw target is Undefined missing
                ? missing.Fail()
                : new JinjaRuntimeError($"'{PythonValues.TypeName(target)}' object is not subscriptable");
        }
        var length = PythonValues.Length(target);
        var stride = Bound(step) ?? 1;
        if (stride == 0)
        {
            throw new JinjaRuntimeError("slice step cannot be zero");
        }
        var first = Adjust(Bound(start), length, stride, stride < 0 ? length - 1 : 0);
        var last = Adjust(Bound(stop), length, stride, stride < 0 ? -1 : length);
        var indices = new List<int>();
        for (var index = first; stride > 0 ? index < last : index > last; index += stride)
        {
            indices.Add((int)index);
        }
        return target is string text
            ? string.Concat(indices.Select(index => text[index]))
            : indices.Select(index => ((IReadOnlyList<object?>)target)[index]).ToList();
    }

    private static long? Bound(object? value) => value switch
    {
        null => null,
        _ when PythonValues.TryInteger(value, out var integer) => integer,
        _ => throw new JinjaRuntimeError($"slice indices must be integers or None, not {PythonValues.TypeName(value)}"),
    };

    /// <summary>CPython's <c>PySlice_AdjustIndices</c> for one bound.</summary>
    private static long Adjust(long? bound, long length, long stride, long fallback)
    {
        if (bound is null)
        {
            return fallback;
        }
        var value = bound.Value < 0 ? bound.Value + length : bound.Value;
        if (value < 0)
        {
            return stride < 0 ? -1 : 0;
        }
        return value >= length ? (stride < 0 ? length - 1 : length) : value;
    }
}
