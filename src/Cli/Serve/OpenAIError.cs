using Microsoft.AspNetCore.Http;

namespace SelfInstruct.Cli.Serve;

/// <summary>An error in OpenAI's shape, <c>{"error": {"message", "type", "param", "code"}}</c>, and a status.</summary>
internal sealed record OpenAIError(int Status, string Message, string Type, string? Param = null, string? Code = null)
{
    public static OpenAIError BadRequest(string message, string? param = null) =>
        new(StatusCodes.Status400BadRequest, message, "invalid_request_error", param);

    public static OpenAIError Unauthorized() => new(StatusCodes.Status401Unauthorized,
        "missing or wrong API key: send it as 'Authorization: Bearer KEY'", "invalid_request_error",
        Code: "invalid_api_key");

    public static OpenAIError UnknownModel(string model) => new(StatusCodes.Status404NotFound,
        $"the model '{model}' does not exist here", "invalid_request_error", "model", "model_not_found");

    public static OpenAIError Busy() => new(StatusCodes.Status503ServiceUnavailable,
        "the server is busy: too many requests are queued; retry later", "server_error");

    public IResult ToResult() => Results.Json(
        new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = Message,
                ["type"] = Type,
                ["param"] = Param,
                ["code"] = Code,
            },
        },
        statusCode: Status);
}
