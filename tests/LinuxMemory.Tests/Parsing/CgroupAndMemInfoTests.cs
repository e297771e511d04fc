using LinuxMemory.Cgroups;
using LinuxMemory.MemInfo;

namespace LinuxMemory.Tests.Parsing;

public sealed class CgroupAndMemInfoTests
{
    [Fact]
    public void Read_CgroupDirectory_ReadsFilesAndReportsMissing()
    {
        string dir = Directory.CreateTempSubdirectory("lm-cgroup").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "memory.current"), "1073741824\n");
            File.WriteAllText(Path.Combine(dir, "memory.max"), "max\n");
            File.WriteAllText(Path.Combine(dir, "memory.swap.max"), "0\n");
            File.WriteAllText(Path.Combine(dir, "memory.stat"), "anon 600\nfile 400\ninactive_file 100\n");
            File.WriteAllText(Path.Combine(dir, "memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\noom_group_kill 0\n");

            CgroupMemoryStatus status = CgroupV2MemoryReader.Read(dir);

            Assert.Equal(1073741824, status.Current);
            Assert.Null(status.Max);
            Assert.Equal(0, status.SwapMax);
            Assert.Null(status.SwapCurrent);
            Assert.Equal([Path.Combine(dir, "memory.swap.current")], status.MissingFiles);
            Assert.Equal(1, status.Events["oom_kill"]);
            Assert.Equal(1073741824 - 100, status.WorkingSetBytes);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void WorkingSet_RootCgroup_UsesAnonPlusFile()
    {
        string dir = Directory.CreateTempSubdirectory("lm-root").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "memory.stat"), "anon 600\nfile 400\ninactive_file 100\n");

            // No memory.current at the root: usage = anon + file = 1000; working set = 1000 - 100.
            Assert.Equal(900, CgroupV2MemoryReader.Read(dir).WorkingSetBytes);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Parse_MemStatDuplicateKey_IsRejected()
    {
        var ex = Assert.Throws<LinuxMemoryFormatException>(() => FlatKeyedParser.Parse("anon 1\nanon 2\n"u8, "memory.stat"));

        Assert.Equal(2, ex.LineNumber);
    }

    [Theory]
    [MemberData(nameof(FixturesWithMemInfo))]
    public void Parse_FixtureMemInfo_ReadsMemTotal(string fixture)
    {
        MemInfoSnapshot snapshot = MemInfoParser.Parse(Fixtures.Bytes(fixture, "meminfo"), "meminfo");

        Assert.True(snapshot.Get(MemInfoField.MemTotal) > 0);
        Assert.NotNull(snapshot.Get(MemInfoField.MemFree));
    }

    public static TheoryData<string> FixturesWithMemInfo()
    {
        var data = new TheoryData<string>();
        foreach (string name in Fixtures.All.Where(n => File.Exists(Path.Combine(Fixtures.Directory(n), "meminfo"))))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Parse_NodeMemInfo_AcceptsNodePrefix()
    {
        MemInfoSnapshot snapshot = MemInfoParser.Parse(Fixtures.Bytes("pcp-meminfo-002-numa2", "node1_meminfo"), "node1/meminfo");

        Assert.True(snapshot.Get(MemInfoField.MemTotal) > 0);
    }

    [Fact]
    public void Parse_Firecracker_ReadsValuesAsPrinted()
    {
        MemInfoSnapshot snapshot = MemInfoParser.Parse(Fixtures.Bytes("local-firecracker-6.18", "meminfo"), "meminfo");

        Assert.Equal(24683664, snapshot.Get(MemInfoField.MemTotal));
        Assert.Equal(24683664L * 1024, snapshot.GetBytes(MemInfoField.MemTotal));
        Assert.Equal(254396, snapshot.Get(MemInfoField.InactiveFile));
        Assert.Equal(0, snapshot.Get(MemInfoField.SwapTotal));
    }

    [Fact]
    public void Parse_MemInfoAndVmStatAfterWarmUp_AllocateNothing()
    {
        byte[] meminfo = Fixtures.Bytes("local-firecracker-6.18", "meminfo");
        byte[] vmstat = Fixtures.Bytes("local-firecracker-6.18", "vmstat");
        var mem = new MemInfoSnapshot();
        var vm = new LinuxMemory.VmStat.VmStatSnapshot();
        MemInfoParser.Parse(meminfo, mem, "meminfo");
        LinuxMemory.VmStat.VmStatParser.Parse(vmstat, vm, "vmstat");

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            MemInfoParser.Parse(meminfo, mem, "meminfo");
            LinuxMemory.VmStat.VmStatParser.Parse(vmstat, vm, "vmstat");
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(24683664, mem.Get(MemInfoField.MemTotal));
    }
}
