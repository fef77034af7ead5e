namespace SelfInstruct.Core.Jinja;

/// <summary>
/// The binary operators with Python's semantics: <c>/</c> always gives a float, <c>//</c> and <c>%</c> round toward
/// negative infinity, <c>+</c> joins strings or lists, <c>*</c> repeats them, and <c>~</c> joins any two values as
/// text.
/// </summary>
internal static class PythonArithmetic
{
    public static object? Apply(string symbol, object? left, object? right)
    {
        if (symbol == "~")
        {
            return PythonValues.ToText(left) + PythonValues.ToText(right);
        }
        if (left is Undefined leftMissing)
        {
            throw leftMissing.Fail();
        }
        if (right is Undefined rightMissing)
        {
            throw rightMissing.Fail();
        }
        left = left is bool leftFlag ? (leftFlag ? 1L : 0L) : left;
        right = right is bool rightFlag ? (rightFlag ? 1L : 0L) : right;
        try
        {
            return symbol switch
            {
                "+" => Add(left, right),
                "*" => Multiply(left, right),
                _ => Numeric(symbol, left, right),
            };
        }
        catch (OverflowException)
        {
            throw new JinjaRuntimeError($"integer overflow in '{symbol}'");
        }
    }

    private static object? Add(object? left, object? right) => (left, right) switch
    {
        (string a, string b) => a + b,
        (IReadOnlyList<object?> a, IReadOnlyList<object?> b) => a.Concat(b).ToList(),
        (string, _) => throw new JinjaRuntimeError(
            $"can only concatenate str (not \"{PythonValues.TypeName(right)}\") to str"),
        _ => Numeric("+", left, right),
    };

    private static object? Multiply(object? left, object? right)
    {
        if (left is string or IReadOnlyList<object?> && PythonValues.TryInteger(right, out var times))
        {
            return Repeat(left, times);
        }
        if (right is string or IReadOnlyList<object?> && PythonValues.TryInteger(left, out times))
        {
            return Repeat(right, times);
        }
        return Numeric("*", left, right);
    }

    private static object Repeat(object? value, long times)
    {
        var count = (int)Math.Max(0, times);
        return value is string text
            ? string.Concat(Enumerable.Repeat(text, count))
            : Enumerable.Repeat((IReadOnlyList<object?>)value!, count).SelectMany(items => items).ToList();
    }

    private static object Numeric(string symbol, object? left, object? right)
    {
        if (!PythonValues.IsNumber(left) || !PythonValues.IsNumber(right))
        {
            var types = $"'{PythonValues.TypeName(left)}' and '{PythonValues.TypeName(right)}'";
            throw new JinjaRuntimeError($"unsupported operand type(s) for {symbol}: {types}");
        }
        if (symbol == "/")
        {
            var divisor = PythonValues.ToDouble(right);
            return divisor == 0
                ? throw new JinjaRuntimeError("division by zero")
                : PythonValues.ToDouble(left) / divisor;
        }
        return PythonValues.TryInteger(left, out var a) && PythonValues.TryInteger(right, out var b)
            ? Integers(symbol, a, b)
            : Floats(symbol, PythonValues.ToDouble(left), PythonValues.ToDouble(right));
    }

    private static object Integers(string symbol, long a, long b) => symbol switch
    {
        "+" => checked(a + b),
        "-" => checked(a - b),
        "*" => checked(a * b),
        "//" => b == 0 ? throw new JinjaRuntimeError("integer division or modulo by zero") : FloorDivide(a, b),
        "%" => b == 0 ? throw new JinjaRuntimeError("integer modulo by zero") : a - (FloorDivide(a, b) * b),
        "**" => b >= 0 ? Power(a, b) : (object)Math.Pow(a, b),
        _ => throw new JinjaRuntimeError($"unsupported operator '{symbol}'"),
    };

    private static long FloorDivide(long a, long b)
    {
        var quotient = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? quotient - 1 : quotient;
    }

    private static long Power(long value, long exponent)
    {
        var result = 1L;
        for (var index = 0L; index < exponent; index++)
        {
            result = checked(result * value);
        }
        return result;
    }

    private static double Floats(string symbol, double a, double b) => symbol switch
    {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "//" => b == 0 ? throw new JinjaRuntimeError("float floor division by zero") : Math.Floor(a / b),
        "%" => b == 0 ? throw new JinjaRuntimeError("float modulo") : a - (Math.Floor(a / b) * b),
        "**" => Math.Pow(a, b),
        _ => throw new JinjaRuntimeError($"unsupported operator '{symbol}'"),
    };
}
