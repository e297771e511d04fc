using System.Text.Json;
using Kubekit.Devices;
using Microsoft.VisualBasic.FileIO;

namespace Kubekit.Tests.Devices;

public sealed class DevicesCommandTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "devices", name);

    private static (int Code, string Out, string Err) Run(params string[] args) => RunWithInput("", args);

    private static (int Code, string Out, string Err) RunWithInput(string stdin, params string[] args)
    {
        using StringWriter stdout = new();
        using StringWriter stderr = new();
        int code = args.Length > 0 && args[0] == "devices"
            ? DevicesCommand.Run(args[1..], new StringReader(stdin), stdout, stderr)
            : Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static List<string[]> CsvRows(string path)
    {
        using TextFieldParser parser = new(path) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        List<string[]> rows = [];
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }

        return rows.Skip(1).ToList();
    }

    [Fact]
    public void Xid_SharedLinesAsLog_EveryExpectedEventWithXidPciClass()
    {
        List<string[]> rows = CsvRows(Fixture("nvrm_xid_lines.csv"));
        string log = string.Join('\n', rows.Select(r => r[1]));

        (int code, string output, string error) = RunWithInput(log, "devices", "xid", "-", "--json");

        Assert.Equal(1, code);
        Assert.Equal("", error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement[] events = [.. json.RootElement.GetProperty("events").EnumerateArray()];
        string[][] expected = [.. rows.Where(r => r[2] == "true")];
        Assert.Equal(expected.Length, events.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(int.Parse(expected[i][3], System.Globalization.CultureInfo.InvariantCulture), events[i].GetProperty("xid").GetInt32());
            Assert.Equal(expected[i][4], events[i].GetProperty("pci").GetString());
            Assert.False(string.IsNullOrEmpty(events[i].GetProperty("class").GetString()));
        }

        // The three malformed "NVRM: Xid" lines are reported, not fatal.
        Assert.Equal(3, json.RootElement.GetProperty("diagnostics").GetArrayLength());
        // Row 4 is XID 43: catalog class info, and on the device plugin's skip list.
        Assert.Equal("info", events[0].GetProperty("class").GetString());
        Assert.False(events[0].GetProperty("checked").GetBoolean());
    }

    [Fact]
    public void Xid_FallenOffBusLog_OneGpuLostEvent()
    {
        (int code, string output, _) = Run("devices", "xid", Fixture("nvsentinel-issue155__fallen-off-bus-no-xid.log"), "--json");

        Assert.Equal(1, code);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement e = Assert.Single(json.RootElement.GetProperty("events").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("xid").ValueKind);
        Assert.Equal(("gpu-lost", "0000:b3:00.0", "node-reboot"), (e.GetProperty("kind").GetString(), e.GetProperty("pci").GetString(), e.GetProperty("class").GetString()));
    }

    [Fact]
    public void Xid_TextOutput_Xid119Capture()
    {
        (int code, string output, string error) = Run("devices", "xid", Fixture("gpud__dmesg-with-xid-119.log"));

        Assert.Equal(1, code);
        Assert.Equal("", error);
        Assert.Equal(5, output.Split('\n').Count(l => l.Contains("XID 119 on 0000:9b:00: device-reset", StringComparison.Ordinal)));
        Assert.Contains("5 event(s) in 43 line(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Xid_DisableAllEnableOther_NoFaultsFound()
    {
        (int code, string output, _) = Run("devices", "xid", Fixture("gpud__dmesg-with-xid-119.log"), "--disable", "all", "--enable", "79");

        Assert.Equal(0, code);
        Assert.Contains("skipped by the device plugin", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Xid_MissingFile_ExitTwoOneLineNoStdout()
    {
        (int code, string output, string error) = Run("devices", "xid", Fixture("does-not-exist.log"));

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("kubekit devices: cannot read", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("telegraf__a100-sxm4-v12.xml", "NVIDIA A100-SXM4-80GB")]
    [InlineData("telegraf__a10g.xml", "NVIDIA A10G")]
    [InlineData("telegraf__gtx-1660-ti.xml", "Graphics Device")]
    [InlineData("telegraf__rtx-3080-v13.xml", "NVIDIA GeForce RTX 3080")]
    [InlineData("telegraf__rtx-4000-sff-ada-v13.xml", "NVIDIA RTX 4000 SFF Ada Generation")]
    public void Smi_SharedXml_JsonHasGpusArray(string file, string product)
    {
        (int code, string output, string error) = Run("devices", "smi", Fixture(file), "--json");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement gpu = Assert.Single(json.RootElement.GetProperty("gpus").EnumerateArray());
        Assert.Equal(product, gpu.GetProperty("productName").GetString());
        Assert.Equal("Healthy", gpu.GetProperty("health").GetString());
    }

    [Fact]
    public void Smi_A100_MigAndEccInJson()
    {
        (_, string output, _) = Run("devices", "smi", Fixture("telegraf__a100-sxm4-v12.xml"), "--json");

        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement gpu = json.RootElement.GetProperty("gpus")[0];
        Assert.Equal(4, gpu.GetProperty("mig").GetProperty("devices").GetInt32());
        Assert.Equal(0, gpu.GetProperty("ecc").GetProperty("volatileUncorrectable").GetInt64());
        Assert.Equal(16, gpu.GetProperty("pcie").GetProperty("maxWidth").GetInt32());
    }

    [Fact]
    public void Smi_Malformed_ExitTwo()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kubekit-bad-{Guid.NewGuid():N}.xml");
        File.WriteAllText(path, "<nvidia_smi_log><gpu></nvidia_smi_log>");
        try
        {
            (int code, string output, string error) = Run("devices", "smi", path);

            Assert.Equal(2, code);
            Assert.Equal("", output);
            Assert.Contains("line 1", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Smi_QueryGpuCsv_RemapFailureFoundExitOne()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kubekit-query-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "uuid, name, pci.bus_id, remapped_rows.failure, temperature.gpu\nGPU-1, NVIDIA H100, 00000000:01:00.0, Yes, 40\n");
        try
        {
            (int code, string output, string error) = Run("devices", "smi", path, "--json");

            Assert.Equal(1, code);
            Assert.Equal("", error);
            using JsonDocument json = JsonDocument.Parse(output);
            Assert.Equal("Failed", json.RootElement.GetProperty("gpus")[0].GetProperty("health").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Stragglers_IndividualSlowdown_FlagsRankZero()
    {
        (int code, string output, _) = Run("devices", "stragglers", Fixture("bytedance_whatif_AR_individual_worker_slowdown.steptimes.csv"), "--json");

        Assert.Equal(1, code);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal([0], json.RootElement.GetProperty("flaggedRanks").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(16, json.RootElement.GetProperty("ranks").GetArrayLength());
    }

    [Fact]
    public void Stragglers_StageImbalance_FlagsNobody()
    {
        (int code, string output, _) = Run("devices", "stragglers", Fixture("bytedance_whatif_ST_stage_partition_imbalance.steptimes.csv"), "--json");

        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(0, json.RootElement.GetProperty("flaggedRanks").GetArrayLength());
    }

    [Theory]
    [InlineData("rank,dp_rank,pp_stage,step,step_span_s,forward_compute_s,backward_compute_s,compute_s,comm_s,op_count\n",
        "no step-time rows with a 'compute_s' value; 0 malformed row(s)")]
    [InlineData("rank,dp_rank,pp_stage,step,step_span_s,forward_compute_s,backward_compute_s,compute_s,comm_s,op_count\n1,2,3,NaN,x,y,z,w,v\n",
        "1 malformed row(s) (first problem: line 2: expected 10 fields, found 9)")]
    public void Stragglers_NoUsableRows_ExitTwo(string csv, string expected)
    {
        // A header alone, or only malformed rows, used to print "no stragglers" and exit 0.
        string path = Path.Combine(Path.GetTempPath(), $"kubekit-steps-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, csv);
        try
        {
            (int code, string output, string error) = Run("devices", "stragglers", path);

            Assert.Equal(2, code);
            Assert.Equal("", output);
            Assert.Contains(expected, error, StringComparison.Ordinal);
            Assert.Single(error.TrimEnd('\n').Split('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("--disable", "x,y", "option --disable: expected positive XID numbers separated by commas, or 'all', found 'x,y'")]
    [InlineData("--disable", "-5", "option --disable: expected positive XID numbers separated by commas, or 'all', found '-5'")]
    [InlineData("--enable", "all", "option --enable: expected positive XID numbers separated by commas, found 'all'")]
    [InlineData("--enable", "99999999999999", "option --enable: expected positive XID numbers separated by commas, found '99999999999999'")]
    public void Xid_BadOverrideList_ExitTwo(string option, string list, string expected)
    {
        // These used to print "warning: line 1, column 1: ..." on stdout, ignore the entry and exit 0.
        (int code, string output, string error) = Run("devices", "xid", Fixture("gpud__dmesg-with-xid-119.log"), option, list);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"kubekit devices: {expected}", error.TrimEnd());
    }

    [Fact]
    public void ReadText_EndlessDeviceFile_StopsAtTheBound()
    {
        // /dev/zero reports a length of 0; it used to be read with File.ReadAllText until the process ran out of memory.
        var ex = Assert.Throws<DevicesUsageException>(() => DevicesArgs.ReadText("/dev/zero", TextReader.Null, 100_000));

        Assert.Equal("'/dev/zero' is larger than 100000 bytes", ex.Message);
    }

    [Fact]
    public void ReadText_FileAtTheBound_IsReadWhole()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kubekit-bound-{Guid.NewGuid():N}.log");
        File.WriteAllText(path, new string('x', 1000));
        try
        {
            Assert.Equal(1000, DevicesArgs.ReadText(path, TextReader.Null, 1000).Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Stragglers_UnknownMetric_ExitTwo()
    {
        (int code, _, string error) = Run("devices", "stragglers", Fixture("bytedance_whatif_ST_stage_partition_imbalance.steptimes.csv"), "--metric", "nope");

        Assert.Equal(2, code);
        Assert.Contains("'nope'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_SameSeed_SameJson()
    {
        (int c1, string a, _) = Run("devices", "simulate", "--nodes", "128", "--days", "20", "--seed", "9", "--json");
        (int c2, string b, _) = Run("devices", "simulate", "--nodes", "128", "--days", "20", "--seed", "9", "--json");

        Assert.Equal((0, 0), (c1, c2));
        Assert.Equal(a, b);
        using JsonDocument json = JsonDocument.Parse(a);
        Assert.Equal(1024, json.RootElement.GetProperty("gpus").GetInt32());
        Assert.Equal(["manual", "devicehealth", "devicehealth+inplace"],
            json.RootElement.GetProperty("policies").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public void Simulate_BadNumber_ExitTwo()
    {
        (int code, string output, string error) = Run("devices", "simulate", "--nodes", "zero");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("--nodes", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NoSubcommand_WithoutNvidiaSmi_RunsSimulator()
    {
        (int code, string output, _) = Run("devices");

        if (DevicesLive.FindOnPath("nvidia-smi", Environment.GetEnvironmentVariable("PATH")) is null)
        {
            Assert.Equal(0, code);
            Assert.Contains("fleet: 2048 node(s), 16384 GPU(s), 54 day(s)", output, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("GPU(s)", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FindOnPath_FindsExecutableInListedDirectory()
    {
        string dir = Directory.CreateTempSubdirectory("kubekit-path").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "nvidia-smi"), "");

            Assert.Equal(Path.Combine(dir, "nvidia-smi"), DevicesLive.FindOnPath("nvidia-smi", "/nonexistent" + Path.PathSeparator + dir));
            Assert.Null(DevicesLive.FindOnPath("nvidia-smi", "/nonexistent"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void UnknownSubcommand_ExitTwo()
    {
        (int code, _, string error) = Run("devices", "frobnicate");

        Assert.Equal(2, code);
        Assert.Contains("unknown command 'frobnicate'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsSubcommands()
    {
        (int code, string output, _) = Run("devices", "--help");

        Assert.Equal(0, code);
        Assert.Contains("kubekit devices stragglers FILE.csv", output, StringComparison.Ordinal);
    }
}
