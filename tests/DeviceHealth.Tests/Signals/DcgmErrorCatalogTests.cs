using DeviceHealth.Devices;
using DeviceHealth.Signals;

namespace DeviceHealth.Tests.Signals;

public class DcgmErrorCatalogTests
{
    private static DcgmErrorCatalog Load() => DcgmErrorCatalog.Load(new StringReader(TestFiles.Text("dcgm", "nvsentinel_dcgm_error_to_action.csv")));

    [Fact]
    public void Load_SharedMapping_Has121Codes()
    {
        DcgmErrorCatalog catalog = Load();

        Assert.Equal(121, catalog.Count);
        Assert.Empty(catalog.Diagnostics);
    }

    [Theory]
    [InlineData("DCGM_FR_VOLATILE_DBE_DETECTED", "RESET_GPU", FaultClass.DeviceReset)]
    [InlineData("DCGM_FR_NVLINK_DOWN", "NODE_REBOOT", FaultClass.NodeReboot)]
    [InlineData("DCGM_FR_CLOCK_THROTTLE_POWER", "IGNORE", FaultClass.Info)]
    [InlineData("DCGM_FR_PENDING_ROW_REMAP", "RESET_GPU", FaultClass.DeviceReset)]
    [InlineData("DCGM_FR_NOT_A_CODE", "", FaultClass.Unknown)]
    public void ClassOf_SpecExamples_MatchNvSentinelActions(string code, string action, FaultClass cls)
    {
        DcgmErrorCatalog catalog = Load();

        Assert.Equal(action, catalog.ActionOf(code));
        Assert.Equal(cls, catalog.ClassOf(code));
    }

    [Fact]
    public void ToEvent_FailDbe_MakesDeviceUnhealthy_WarnOnlyCounts_IgnoreDoesNothing()
    {
        DcgmErrorCatalog catalog = Load();
        DeviceHealthMachine m = new();
        DateTimeOffset t = DateTimeOffset.UnixEpoch;

        Assert.Equal(DevicePhase.Unhealthy, m.Apply(DeviceState.Initial, catalog.ToEvent("g", "DCGM_FR_VOLATILE_DBE_DETECTED", 20), t).State.Phase);
        Assert.Equal(DevicePhase.Suspect, m.Apply(DeviceState.Initial, catalog.ToEvent("g", "DCGM_FR_VOLATILE_DBE_DETECTED", 10), t).State.Phase);
        Assert.Equal(DevicePhase.Healthy, m.Apply(DeviceState.Initial, catalog.ToEvent("g", "DCGM_FR_CLOCK_THROTTLE_POWER", 20), t).State.Phase);
    }

    [Fact]
    public void Load_BadRow_Reported()
    {
        DcgmErrorCatalog c = DcgmErrorCatalog.Load(new StringReader("dcgm_error_code,recommended_action\nfoo,RESET_GPU\nDCGM_FR_X,NONE\n"));

        Assert.Equal(1, c.Count);
        Assert.Equal(2, Assert.Single(c.Diagnostics).Line);
    }
}
