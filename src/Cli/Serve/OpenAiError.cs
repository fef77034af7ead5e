using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SelfInstruct.Cli.Serve;

/// <summary>A failed request in OpenAI's error shape: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
internal sealed class OpenAiError(int status, string type, string message, string? code = null) : Exception(message)
{
    public static OpenAiError BadRequest(string message) => new(StatusCodes.Status400BadRequest,
        "invalid_request_error", message);

    public int Status { get; } = status;

    public IResult ToResult() => Results.Json(new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["message"] = Message,
            ["type"] = type,
            ["param"] = null,
            ["code"] = code,
        },
    }, statusCode: Status);
}
