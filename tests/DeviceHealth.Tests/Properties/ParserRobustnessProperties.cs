using DeviceHealth.Signals;
using FsCheck.Xunit;

namespace DeviceHealth.Tests.Properties;

/// <summary>Untrusted input: every parser either succeeds or throws its typed exception, never anything else.</summary>
public class ParserRobustnessProperties
{
    private static readonly string[] s_fragments =
    [
        "NVRM: Xid (PCI:0000:3b:00): ", "NVRM: Xid (", "79", ", pid=", "name=", "\n", "[ 12.5] ", "NVRM: The NVIDIA GPU 0000:b3:00.0",
        "fallen off the bus", "0x", "(None)", "to 0x1 (GPU Reset Required)", "abc", ")", ":", "\u00e9", "\r\n",
    ];

    private static string Compose(int[] picks) =>
        string.Concat((picks ?? []).Select(p => s_fragments[(int)((uint)p % (uint)s_fragments.Length)]));

    [Property(MaxTest = 500)]
    public bool KernelLogParser_AnyText_NeverThrowsAndEventsAreWellFormed(int[] picks, string noise)
    {
        KernelLogParseResult r = KernelLogParser.Parse(new StringReader(Compose(picks) + noise));

        return r.Events.All(e => e.Line >= 1 && (e.Kind == KernelEventKind.GpuLost || e.Xid > 0))
            && r.Diagnostics.All(d => d.Line >= 1);
    }

    [Property(MaxTest = 300)]
    public bool NvidiaSmiXmlParser_AnyText_OnlyTypedErrors(string text, int[] picks)
    {
        string xml = "<nvidia_smi_log><gpu id=\"x\">" + Compose(picks) + text + "</gpu></nvidia_smi_log>";
        try
        {
            NvidiaSmiXmlParser.Parse(new StringReader(xml));
            return true;
        }
        catch (DeviceHealthException)
        {
            return true;
        }
    }

    private static readonly string[] s_jsonFragments =
    [
        "{", "}", "[", "]", ",", ":", "\"metadata\"", "\"status\"", "\"spec\"", "\"containerStatuses\"", "\"state\"",
        "\"terminated\"", "\"exitCode\"", "\"restartCount\"", "\"capacity\"", "\"nvidia.com/gpu\"", "\"8\"", "1", "\"x\"",
        "null", "true", "\"devices\"", "\"taints\"", "\"List\"", "\"pod_resources\"", "\"rules\"", "\"onExitCodes\"",
        "\"values\"", "\"allocatedResourcesStatus\"", "\"resources\"", "\"health\"",
    ];

    [Property(MaxTest = 1000)]
    public bool KubernetesJson_StructuredNoise_OnlyTypedErrors(int[] picks)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(
            string.Concat((picks ?? []).Select(p => s_jsonFragments[(int)((uint)p % (uint)s_jsonFragments.Length)])));
        return KubernetesJson_AnyBytes_OnlyTypedErrors(bytes);
    }

    [Property(MaxTest = 300)]
    public bool KubernetesJson_AnyBytes_OnlyTypedErrors(byte[] bytes)
    {
        try
        {
            KubernetesJson.ReadPod(bytes ?? []);
            KubernetesJson.ReadNode(bytes ?? []);
            KubernetesJson.ReadPodResources(bytes ?? []);
            KubernetesJson.ReadResourceSliceTaints(bytes ?? []);
            KubernetesJson.ReadPodFailurePolicy(bytes ?? []);
            KubernetesJson.ReadJobSetFailurePolicy(bytes ?? []);
            return true;
        }
        catch (DeviceHealthException)
        {
            return true;
        }
    }

    [Property(MaxTest = 300)]
    public bool StepTimesCsv_AnyRows_OnlyTypedErrors(string body)
    {
        try
        {
            DeviceHealth.Degradation.StepTimesCsv.Read(new StringReader("rank,pp_stage,step,compute_s\n" + body), "compute_s", new List<Diagnostic>());
            return true;
        }
        catch (DeviceHealthException)
        {
            return true;
        }
    }
}
