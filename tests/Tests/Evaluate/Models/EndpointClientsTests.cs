using Microsoft.Extensions.AI;
using SelfInstruct.Evaluate.Configuration;
using SelfInstruct.Evaluate.Models;
using SelfInstruct.Tests.Fakes;
using Xunit;

namespace SelfInstruct.Tests.Evaluate.Models;

public sealed class EndpointClientsTests
{
    private const string Variable = "SELFINSTRUCT_TEST_EVALUATE_KEY";

    [Fact]
    public void Names_the_key_variable_for_an_endpoint_without_a_url_or_a_key()
    {
        var clients = new EndpointClients(new EvaluationConfig { ApiKeyEnvironmentVariable = Variable }, _ => null);

        var exception = Assert.Throws<InvalidOperationException>(
            () => clients.Create(new EndpointSpec("gpt-4o-mini", null, Completions: false)));

        Assert.Contains($"set the environment variable {Variable}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sends_the_key_from_the_configured_variable_to_the_endpoint()
    {
        using var server = new FakeOpenAIServer(_ => FakeOpenAIServer.Completion(" answer"));
        var clients = new EndpointClients(new EvaluationConfig { ApiKeyEnvironmentVariable = Variable },
            variable => variable == Variable ? "sk-test-evaluate" : null);
        using var client = clients.Create(new EndpointSpec("fake-model", server.BaseUrl, Completions: true));

        var response = await client.GetResponseAsync("prompt");

        Assert.Equal(" answer", response.Text);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/completions", request.Path);
        Assert.Equal("Bearer sk-test-evaluate", request.Authorization);
    }
}
