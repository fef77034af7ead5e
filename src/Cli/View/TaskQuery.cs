using Microsoft.AspNetCore.Http;

namespace SelfInstruct.Cli.View;

/// <summary>
/// One page request of the task table: <c>q</c> (text anywhere in the task), <c>classification</c> (yes, no),
/// <c>origin</c> (seed, machine), <c>status</c> (kept, rejected, edited), <c>sort</c> (order, instruction,
/// instances, similarity; a leading '-' sorts descending), <c>page</c> from 1 and <c>size</c>.
/// </summary>
internal sealed record TaskQuery(
    string? Text, bool? Classification, string? Origin, string? Status, string Sort, bool Descending, int Page,
    int Size)
{
    /// <summary>The largest page served.</summary>
    public const int MaxSize = 200;

    private static readonly string[] _sorts = ["order", "instruction", "instances", "similarity"];
    private static readonly string[] _statuses = ["kept", "rejected", "edited"];

    /// <summary>Reads the query string, or says what is wrong with it.</summary>
    public static TaskQuery? TryParse(IQueryCollection query, out string? problem)
    {
        var sort = query["sort"].ToString() is { Length: > 0 } given ? given : "order";
        var descending = sort.StartsWith('-');
        var key = sort.TrimStart('-');
        var classificationText = query["classification"].ToString();
        bool? classification = classificationText switch
        {
            "yes" => true,
            "no" => false,
            _ => null,
        };
        var status = Optional(query, "status");
        problem = PageProblem(query, out var page, out var size)
            ?? (!_sorts.Contains(key) ? $"sort: expected one of {string.Join(", ", _sorts)}, found '{sort}'" : null)
            ?? (status is not null && !_statuses.Contains(status)
                ? $"status: expected one of {string.Join(", ", _statuses)}, found '{status}'"
                : null)
            ?? (classificationText is not ("" or "yes" or "no")
                ? $"classification: expected yes or no, found '{classificationText}'"
                : null);
        return problem is null
            ? new TaskQuery(Optional(query, "q"), classification, Optional(query, "origin"), status, key, descending,
                page, size)
            : null;
    }

    /// <summary>Reads <c>page</c> (from 1) and <c>size</c> (1 to <see cref="MaxSize"/>), or says what is wrong.</summary>
    public static string? PageProblem(IQueryCollection query, out int page, out int size)
    {
        page = 1;
        size = 50;
        if (query["page"].ToString() is { Length: > 0 } pageText
            && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return $"page: expected a whole number from 1, found '{pageText}'";
        }
        if (query["size"].ToString() is { Length: > 0 } sizeText
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size)
                || size is < 1 or > MaxSize))
        {
            return $"size: expected a whole number from 1 to {MaxSize}, found '{sizeText}'";
        }
        return null;
    }

    private static string? Optional(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } value ? value : null;
}
