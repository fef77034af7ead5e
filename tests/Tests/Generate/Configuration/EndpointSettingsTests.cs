using SelfInstruct.Generate.Configuration;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate.Configuration;

/// <summary>The generation settings that name servers: base_url (one or a list) and endpoints.</summary>
public sealed class EndpointSettingsTests
{
    [Theory]
    [InlineData("""{ "base_url": "http://a:8000/v1" }""", new[] { "http://a:8000/v1" })]
    [InlineData("""{ "base_url": ["http://a:8000/v1", "http://b:8000/v1"] }""",
        new[] { "http://a:8000/v1", "http://b:8000/v1" })]
    [InlineData("""{ "base_url": null }""", new string[0])]
    public async Task Base_url_is_one_url_or_a_list_of_them(string json, string[] servers)
    {
        var config = await ReadAsync(json);

        Assert.Equal(servers, config.Servers().Select(server => server.BaseUrl));
        Assert.All(config.Servers(), server => Assert.Equal(1, server.Weight));
    }

    [Fact]
    public async Task Writes_one_url_as_a_text_so_older_configs_read_the_same()
    {
        var one = GenerationConfigFile.ToJson(new GenerationConfig { BaseUrls = ["http://a:8000/v1"] });
        var none = GenerationConfigFile.ToJson(new GenerationConfig());

        Assert.Contains("\"base_url\": \"http://a:8000/v1\",", one, StringComparison.Ordinal);
        Assert.Contains("\"base_url\": null,", none, StringComparison.Ordinal);
        Assert.Equal(["http://a:8000/v1"], (await ReadAsync(one)).BaseUrls);
    }

    [Fact]
    public async Task Endpoints_carry_a_weight_a_concurrency_and_a_key_variable_each()
    {
        var config = await ReadAsync("""
            { "endpoints": [
                { "base_url": "http://a:8000/v1", "weight": 2, "concurrency": 16 },
                { "base_url": "https://b.example/v1", "api_key_environment_variable": "B_KEY" } ] }
            """);

        Assert.Equal(
            [
                new GenerationEndpoint { BaseUrl = "http://a:8000/v1", Weight = 2, Concurrency = 16 },
                new GenerationEndpoint { BaseUrl = "https://b.example/v1", ApiKeyEnvironmentVariable = "B_KEY" },
            ],
            config.Servers());
    }

    [Fact]
    public async Task An_unknown_key_in_an_endpoint_is_refused_with_its_line()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(folder.File("run.json"),
            "{\n  \"endpoints\": [\n    { \"base_url\": \"http://a/v1\", \"wieght\": 2 }\n  ]\n}");

        var error = await Assert.ThrowsAsync<ConfigException>(
            () => GenerationConfigFile.ReadAsync(folder.File("run.json"), CancellationToken.None));

        Assert.Contains("wieght", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(folder.File("run.json") + ":3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_reports_every_bad_endpoint_setting_at_once()
    {
        var config = new GenerationConfig
        {
            BaseUrls = ["http://a/v1", "nowhere"],
            Endpoints = [new GenerationEndpoint { BaseUrl = "", Weight = 0, Concurrency = 0 }],
            EndpointFailuresBeforeCoolDown = 0,
        };

        var problems = config.Problems();

        Assert.Equal(
            [
                "base_url and endpoints both name servers (2 and 1): give one of them",
                "base_url must be an absolute URL such as http://127.0.0.1:8000/v1, found 'nowhere'",
                "endpoints[0].base_url must be an absolute URL such as http://127.0.0.1:8000/v1, found ''",
                "endpoints[0].weight must be positive, found 0",
                "endpoints[0].concurrency must be positive, found 0",
                "endpoint_failures_before_cool_down must be positive, found 0",
            ],
            problems);
    }

    private static async Task<GenerationConfig> ReadAsync(string json)
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(folder.File("run.json"), json);
        return await GenerationConfigFile.ReadAsync(folder.File("run.json"), CancellationToken.None);
    }
}
