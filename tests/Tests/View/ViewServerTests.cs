using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SelfInstruct.Cli.View;
using SelfInstruct.Core.Curation;
using Xunit;

namespace SelfInstruct.Tests.View;

/// <summary>The view's page and JSON API over a small pipeline run, through HTTP on loopback.</summary>
public sealed class ViewServerTests : IAsyncLifetime
{
    private ViewRunFolder _run = null!;
    private ViewServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _run = await ViewRunFolder.CreateAsync();
        (_server, _http) = await StartAsync(_run.Root, new ViewOptions(Port: 0));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        _run.Dispose();
    }

    [Fact]
    public async Task Serves_the_embedded_page_with_nothing_from_outside()
    {
        var page = await _http.GetStringAsync("/");
        var script = await _http.GetStringAsync("/view.js");
        var styles = await _http.GetAsync("/view.css");

        Assert.Contains("<script src=\"/view.js\"", page);
        Assert.DoesNotContain("http", page + script, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("innerHTML", script);
        Assert.Equal("text/css; charset=utf-8", styles.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Finds_a_pipeline_run_with_its_dataset_and_evaluation()
    {
        var summary = await GetJsonAsync("/api/summary");

        Assert.Equal("pipeline", summary["kind"]!.GetValue<string>());
        Assert.Equal(3, summary["tasks"]!.GetValue<int>());
        Assert.Equal(4, summary["instances"]!.GetValue<int>());
        Assert.Equal(["base", "tuned"], summary["models"]!.AsArray().Select(model => model!.GetValue<string>()));
        Assert.Equal("generate/instruction-lengths.png", summary["plots"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Pages_searches_filters_and_sorts_the_tasks()
    {
        var firstPage = await GetJsonAsync("/api/tasks?size=2");
        var secondPage = await GetJsonAsync("/api/tasks?size=2&page=2");
        var search = await GetJsonAsync("/api/tasks?q=FRENCH");
        var classification = await GetJsonAsync("/api/tasks?classification=yes");
        var bySimilarity = await GetJsonAsync("/api/tasks?sort=-similarity");

        Assert.Equal(3, firstPage["total"]!.GetValue<int>());
        Assert.Equal(["machine_task_0", "machine_task_1"], Ids(firstPage));
        Assert.Equal(["machine_task_2"], Ids(secondPage));
        Assert.Equal(["machine_task_0"], Ids(search));
        Assert.Equal(2, search["items"]![0]!["instances"]!.GetValue<int>());
        Assert.Equal(["machine_task_1"], Ids(classification));
        Assert.Equal(["machine_task_2", "machine_task_0", "machine_task_1"], Ids(bySimilarity));
    }

    [Theory]
    [InlineData("/api/tasks?page=0", "page")]
    [InlineData("/api/tasks?size=1000", "size")]
    [InlineData("/api/tasks?sort=color", "sort")]
    [InlineData("/api/tasks?classification=maybe", "classification")]
    [InlineData("/api/evaluation?sort=name", "sort")]
    public async Task Refuses_a_malformed_query_naming_the_parameter(string path, string parameter)
    {
        var response = await _http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(parameter + ":", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!
            .GetValue<string>());
    }

    [Fact]
    public async Task Shows_a_task_with_its_instances_and_the_journal_s_most_similar_pool_instructions()
    {
        var task = await GetJsonAsync("/api/tasks/machine_task_0");
        var missing = await _http.GetAsync("/api/tasks/machine_task_9");

        Assert.Equal("Thank you.", task["instances"]![1]!["input"]!.GetValue<string>());
        Assert.Equal("Translate the word into German.", task["most_similar"]![0]!["instruction"]!.GetValue<string>());
        Assert.Equal(0.41, task["most_similar"]![0]!["score"]!.GetValue<double>());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Shows_the_prompts_and_raw_responses_that_made_a_task_from_the_journal()
    {
        var task = await GetJsonAsync("/api/tasks/machine_task_0");

        var requests = task["requests"]!.AsArray();
        Assert.Equal(2, requests.Count);
        Assert.Equal("instructions", requests[0]!["step"]!.GetValue<string>());
        Assert.Equal("Come up with tasks:\n1. Décris…", requests[0]!["prompt"]!.GetValue<string>());
        Assert.Equal("1. Traduis « ceci » — é\n2. Translate the sentence into French.",
            requests[0]!["response"]!.GetValue<string>());
        Assert.Equal("instances", requests[1]!["step"]!.GetValue<string>());
        Assert.Equal("Input: Thank you.\nOutput: Merci.", requests[1]!["response"]!.GetValue<string>());
        Assert.True(requests[1]!["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Counts_rejections_by_reason_from_the_journal()
    {
        var rejections = (await _http.GetFromJsonAsync<JsonArray>("/api/rejections"))!;

        Assert.Equal("instructions.too_similar", rejections[0]!["reason"]!.GetValue<string>());
        Assert.Equal(5, rejections[0]!["count"]!.GetValue<long>());
        Assert.Equal(["Translate the sentence into Spanish.", "<b>Say it in French.</b>"],
            rejections[0]!["samples"]!.AsArray().Select(sample => sample!.GetValue<string>()));
        Assert.Empty(rejections[1]!["samples"]!.AsArray());
        Assert.Equal(2, rejections.Count);
    }

    [Fact]
    public async Task Sorts_the_evaluation_by_the_tuned_minus_base_difference()
    {
        var helped = await GetJsonAsync("/api/evaluation?sort=-difference");
        var hurt = await GetJsonAsync("/api/evaluation?sort=difference");

        Assert.Equal("task_a", helped["items"]![0]!["task_id"]!.GetValue<string>());
        Assert.Equal(0.8, helped["items"]![0]!["difference"]!.GetValue<double>(), 6);
        Assert.Equal("task_b", hurt["items"]![0]!["task_id"]!.GetValue<string>());
        Assert.Equal("Five", hurt["items"]![0]!["predictions"]![1]!["prediction"]!.GetValue<string>());
    }

    [Fact]
    public async Task Logs_an_edit_with_who_when_and_before_and_shows_it_applied()
    {
        var response = await PostAsync(
            """{"task_id": "machine_task_0", "action": "edit", "field": "output", "instance": 1, "after": "Merci !"}""");
        var task = await GetJsonAsync("/api/tasks/machine_task_0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var edit = Assert.Single(CurationLog.Read(_run.CurationLogPath));
        Assert.Equal(("Merci.", "Merci !", "tester"), (edit.Before, edit.After, edit.Who));
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), edit.When);
        Assert.Equal("Merci !", task["instances"]![1]!["output"]!.GetValue<string>());
        Assert.Single(task["history"]!.AsArray());
    }

    [Fact]
    public async Task Rejects_a_task_with_a_reason_and_filters_it_as_rejected()
    {
        await PostAsync("""{"task_id": "machine_task_1", "action": "reject", "reason": "too easy"}""");
        var rejected = await GetJsonAsync("/api/tasks?status=rejected");
        var kept = await GetJsonAsync("/api/tasks?status=kept");

        Assert.Equal(["machine_task_1"], Ids(rejected));
        Assert.Equal("too easy", rejected["items"]![0]!["rejected_reason"]!.GetValue<string>());
        Assert.Equal(["machine_task_0", "machine_task_2"], Ids(kept));
        Assert.Contains("\"action\":\"reject\"", await File.ReadAllTextAsync(_run.CurationLogPath));
    }

    [Fact]
    public async Task Lands_every_one_of_many_concurrent_edits()
    {
        var posts = Enumerable.Range(0, 24).Select(number => PostAsync(
            $$"""{"task_id": "machine_task_0", "action": "edit", "field": "instruction", "after": "Version {{number}}"}"""));

        var responses = await Task.WhenAll(posts);

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var edits = CurationLog.Read(_run.CurationLogPath);
        Assert.Equal(24, edits.Count);
        // Each edit saw the one before it: the log is a chain from the original instruction.
        Assert.Equal("Translate the sentence into French.", edits[0].Before);
        Assert.All(edits.Skip(1).Zip(edits), pair => Assert.Equal(pair.Second.After, pair.First.Before));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"task_id": "machine_task_0", "action": "reject"}""")]
    [InlineData("""{"task_id": "machine_task_0", "action": "edit", "field": "output", "after": "x"}""")]
    [InlineData("""{"task_id": "machine_task_0", "action": "edit", "field": "output", "instance": 5, "after": "x"}""")]
    [InlineData("""{"task_id": "machine_task_0", "action": "edit", "field": "color", "after": "x"}""")]
    [InlineData("""{"task_id": "machine_task_7", "action": "reject", "reason": "gone"}""")]
    [InlineData("""{"task_id": "machine_task_0", "action": "edit", "field": "instruction", "after": " "}""")]
    public async Task Answers_a_malformed_edit_with_400_and_writes_nothing(string body)
    {
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(File.Exists(_run.CurationLogPath));
    }

    [Fact]
    public async Task Refuses_other_sites_a_rebound_host_and_a_form_post()
    {
        var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/summary") { Headers = { Host = "evil.example" } };
        var crossSite = new HttpRequestMessage(HttpMethod.Get, "/api/summary")
        {
            Headers = { { "Origin", "http://evil.example" } },
        };
        var formPost = new StringContent("""{"task_id": "machine_task_0", "action": "reject", "reason": "x"}""",
            Encoding.UTF8, "text/plain");

        var reboundResponse = await _http.SendAsync(rebound);
        var crossSiteResponse = await _http.SendAsync(crossSite);
        var formResponse = await _http.PostAsync("/api/curation", formPost);
        var localhost = await _http.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "/api/summary") { Headers = { Host = "localhost" } });

        Assert.Equal(HttpStatusCode.BadRequest, reboundResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossSiteResponse.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, formResponse.StatusCode);
        Assert.False(File.Exists(_run.CurationLogPath));
        Assert.Equal(HttpStatusCode.OK, localhost.StatusCode);
    }

    [Theory]
    [InlineData("/files/generate/../secret.txt")]
    [InlineData("/files/..%2Fsecret.txt")]
    [InlineData("/files/generate%2F..%2F..%2Fsecret.txt")]
    [InlineData("/files/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/files//etc/passwd")]
    [InlineData("/secret.txt")]
    [InlineData("/generate/dataset.parquet")]
    [InlineData("/files/generate/dataset.parquet")]
    public async Task Serves_nothing_from_disk_but_the_run_s_plots(string path)
    {
        var plot = await _http.GetAsync("/files/generate/instruction-lengths.png");

        var response = await _http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, plot.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Sends_task_text_holding_markup_as_json_data_under_a_policy_that_forbids_inline_script()
    {
        var response = await _http.GetAsync("/api/tasks/machine_task_2");
        var page = await _http.GetAsync("/");

        var task = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains(ViewRunFolder.Markup, task!["instruction"]!.GetValue<string>());
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync());
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task With_a_key_requires_it_on_every_data_route_but_not_for_the_page()
    {
        var (server, http) = await StartAsync(_run.Root, new ViewOptions(Port: 0, ApiKey: "s3cret"));
        await using var _ = server;
        using var __ = http;

        var page = await http.GetAsync("/");
        var withoutKey = await http.GetAsync("/api/summary");
        var plotWithoutKey = await http.GetAsync("/files/generate/instruction-lengths.png");
        var wrongKey = await http.SendAsync(WithKey(HttpMethod.Get, "/api/summary", "guess"));
        var withKey = await http.SendAsync(WithKey(HttpMethod.Get, "/api/summary", "s3cret"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, plotWithoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
    }

    private static async Task<(ViewServer Server, HttpClient Http)> StartAsync(string folder, ViewOptions options)
    {
        var run = await RunContents.LoadAsync(folder, CancellationToken.None);
        var clock = new FixedClock(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var server = new ViewServer(run, options, "tester", clock);
        await server.StartAsync(CancellationToken.None);
        return (server, new HttpClient { BaseAddress = server.BaseAddress });
    }

    private static HttpRequestMessage WithKey(HttpMethod method, string path, string key) => new(method, path)
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
    };

    private async Task<JsonObject> GetJsonAsync(string path) => (await _http.GetFromJsonAsync<JsonObject>(path))!;

    private Task<HttpResponseMessage> PostAsync(string body) =>
        _http.PostAsync("/api/curation", new StringContent(body, Encoding.UTF8, "application/json"));

    private static List<string> Ids(JsonObject page) =>
        page["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()).ToList();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
