using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Kyaml;

namespace Kyaml.Tests.Serialization;

public class KyamlSerializerTests
{
    private static string RealCase(string name, string file) =>
        Path.Combine(AppContext.BaseDirectory, "TestData", "reader", "real", name, file);

    [Theory]
    [InlineData("vllm-deployment")]
    [InlineData("kp-blackbox-deployment")]
    public void Serialize_V1DeploymentFromRealManifest_EqualsReferenceKubectlForm(string name)
    {
        // expected-kubectl.kyaml is what the reference encoder prints for the manifest's JSON (kubectl -o kyaml).
        V1Deployment deployment = KubernetesYaml.Deserialize<V1Deployment>(File.ReadAllText(RealCase(name, "input.yaml")));

        string kyaml = KyamlSerializer.Serialize(deployment, SourceGenerationContext.Default.V1Deployment);

        Assert.Equal(File.ReadAllText(RealCase(name, "expected-kubectl.kyaml")), kyaml);
    }

    [Theory]
    [InlineData("cassandra-statefulset")]
    public void Serialize_V1StatefulSetFromRealManifest_EqualsReferenceKubectlForm(string name)
    {
        string input = File.ReadAllText(RealCase(name, "input.yaml"));
        List<object> objects = KubernetesYaml.LoadAllFromString(input);
        V1StatefulSet set = objects.OfType<V1StatefulSet>().Single();
        string expected = File.ReadAllText(RealCase(name, "expected-kubectl.kyaml"));
        int index = objects.IndexOf(set);
        string[] documents = expected.Split("---\n", StringSplitOptions.RemoveEmptyEntries);

        string kyaml = KyamlSerializer.Serialize(set, SourceGenerationContext.Default.V1StatefulSet);

        Assert.Equal("---\n" + documents[index], kyaml);
    }

    [Fact]
    public void Serialize_V1DaemonSetFromRealManifest_EqualsReferenceKubectlForm()
    {
        V1DaemonSet set = KubernetesYaml.Deserialize<V1DaemonSet>(File.ReadAllText(RealCase("sysdig-daemonset", "input.yaml")));

        string kyaml = KyamlSerializer.Serialize(set, SourceGenerationContext.Default.V1DaemonSet);

        Assert.Equal(File.ReadAllText(RealCase("sysdig-daemonset", "expected-kubectl.kyaml")), kyaml);
    }

    [Fact]
    public void Serialize_V1Deployment_EqualsKubectlFormOfItsJson()
    {
        V1Deployment deployment = KubernetesYaml.Deserialize<V1Deployment>(File.ReadAllText(RealCase("vllm-deployment", "input.yaml")));
        string json = KubernetesJson.Serialize(deployment);

        string kyaml = KyamlSerializer.Serialize(deployment, SourceGenerationContext.Default.V1Deployment);

        Assert.Equal(KyamlConverter.ConvertToString(json, new KyamlConverterOptions { KubectlForm = true }), kyaml);
    }

    [Fact]
    public void Deserialize_SerializedDeployment_RoundTrips()
    {
        V1Deployment deployment = KubernetesYaml.Deserialize<V1Deployment>(File.ReadAllText(RealCase("kp-blackbox-deployment", "input.yaml")));
        string kyaml = KyamlSerializer.Serialize(deployment, SourceGenerationContext.Default.V1Deployment);

        V1Deployment? back = KyamlSerializer.Deserialize(kyaml, SourceGenerationContext.Default.V1Deployment);

        Assert.NotNull(back);
        Assert.Equal(KubernetesJson.Serialize(deployment), KubernetesJson.Serialize(back));
        Assert.Equal("blackbox-exporter", back.Metadata.Name);
        Assert.Equal(kyaml, KyamlSerializer.Serialize(back, SourceGenerationContext.Default.V1Deployment));
    }

    [Fact]
    public void Serialize_SourceGeneratedContext_SortsKeysAndQuotesStrings()
    {
        var sample = new Sample { Name = "web", Replicas = 3, Enabled = true, Ratio = 0.25, Labels = new() { ["z"] = "no", ["a.b/c"] = "yes" } };

        string kyaml = KyamlSerializer.Serialize(sample, SampleContext.Default.Sample);

        // Keys sorted as kubectl prints a JSON object; "no"/"yes" stay quoted strings.
        Assert.Equal(
            "---\n{\n  enabled: true,\n  labels: {\n    a.b/c: \"yes\",\n    z: \"no\",\n  },\n  name: \"web\",\n  ratio: 0.25,\n  replicas: 3,\n}\n",
            kyaml);
        Assert.Equal(kyaml, Encoding.UTF8.GetString(KyamlSerializer.SerializeToUtf8Bytes(sample, SampleContext.Default.Sample)));
    }

    [Fact]
    public void Deserialize_SourceGeneratedContext_ReadsKyamlAndFlowYaml()
    {
        Sample? fromKyaml = KyamlSerializer.Deserialize("---\n{\n  name: \"api\",\n  replicas: 0x10,\n  ratio: .5,\n  enabled: false,\n  labels: {app.kubernetes.io/name: \"x\"},\n}\n"u8, SampleContext.Default.Sample);
        Sample? fromFlow = KyamlSerializer.Deserialize("{name: api, replicas: 16, ratio: 0.5, 'enabled': False}", SampleContext.Default.Sample);

        Assert.NotNull(fromKyaml);
        Assert.Equal("api", fromKyaml.Name);
        Assert.Equal(16, fromKyaml.Replicas); // 0x10 read as go-yaml reads it
        Assert.Equal(0.5, fromKyaml.Ratio);
        Assert.False(fromKyaml.Enabled);
        Assert.Equal("x", fromKyaml.Labels!["app.kubernetes.io/name"]);
        Assert.NotNull(fromFlow);
        Assert.Equal(("api", 16, 0.5, false), (fromFlow.Name, fromFlow.Replicas, fromFlow.Ratio, fromFlow.Enabled));
    }

    [Fact]
    public void Serialize_ReflectionOptions_UsesNamingPolicy()
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower };

        string kyaml = KyamlSerializer.Serialize(new Plain { MaxSurge = 2, DisplayName = "x" }, options);
        Plain? back = KyamlSerializer.Deserialize<Plain>(kyaml, options);

        Assert.Equal("---\n{\n  display-name: \"x\",\n  max-surge: 2,\n}\n", kyaml);
        Assert.Equal(2, back!.MaxSurge);
        Assert.Equal("x", back.DisplayName);
    }

    [Fact]
    public void Deserialize_NullDocument_ReturnsNull()
    {
        Assert.Null(KyamlSerializer.Deserialize("---\nnull\n", SampleContext.Default.Sample));
        Assert.Null(KyamlSerializer.Deserialize("---\n\n", SampleContext.Default.Sample));
    }

    [Theory]
    [InlineData("", "found none")]
    [InlineData("---\n{}\n---\n{}\n", "second document")]
    [InlineData("{replicas: .inf}", "no JSON form")]
    [InlineData("replicas: 3\n", "block-style mapping")]
    public void Deserialize_BadInput_ThrowsKyamlException(string input, string messagePart)
    {
        KyamlException error = Assert.Throws<KyamlException>(() => KyamlSerializer.Deserialize(input, SampleContext.Default.Sample));

        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.LineNumber);
    }

    [Fact]
    public void Deserialize_WrongType_ThrowsJsonException()
    {
        Assert.Throws<JsonException>(() => KyamlSerializer.Deserialize("{replicas: \"three\"}", SampleContext.Default.Sample));
    }

    [Fact]
    public void Serialize_Stream_WritesSameBytes()
    {
        var sample = new Sample { Name = "s" };
        using var stream = new MemoryStream();

        KyamlSerializer.Serialize(stream, sample, SampleContext.Default.Sample);

        Assert.Equal(KyamlSerializer.Serialize(sample, SampleContext.Default.Sample), Encoding.UTF8.GetString(stream.ToArray()));
    }
}

public sealed class Sample
{
    public string? Name { get; set; }

    public int Replicas { get; set; }

    public bool Enabled { get; set; }

    public double Ratio { get; set; }

    public Dictionary<string, string>? Labels { get; set; }
}

public sealed class Plain
{
    public int MaxSurge { get; set; }

    public string? DisplayName { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Sample))]
internal sealed partial class SampleContext : JsonSerializerContext
{
}
