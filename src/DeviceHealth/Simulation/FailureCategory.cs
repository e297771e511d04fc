using DeviceHealth.Devices;

namespace DeviceHealth.Simulation;

/// <summary>A root-cause category of interruptions with its published count and the fault class it maps to.</summary>
/// <param name="Component">The component (for example <c>Faulty GPU</c>).</param>
/// <param name="Count">Interruptions attributed to it in the source.</param>
/// <param name="Class">The fault class the simulator gives it (our assumption; see the README).</param>
public sealed record FailureCategory(string Component, int Count, FaultClass Class)
{
    /// <summary>
    /// The Llama 3 405B pre-training table (Dubey et al. 2024, Table 5): 419 unexpected interruptions over 54 days on
    /// 16,384 H100 GPUs; embedded in the package.
    /// </summary>
    public static IReadOnlyList<FailureCategory> Llama3 => s_llama3.Value;

    private static readonly Lazy<IReadOnlyList<FailureCategory>> s_llama3 = new(LoadLlama3);

    internal static FaultClass ClassFor(string component) => component switch
    {
        "Faulty GPU" or "GPU HBM3 Memory" or "GPU SRAM Memory" => FaultClass.DeviceReset,
        "GPU System Processor" or "Host Maintenance" => FaultClass.NodeReboot,
        "Network Switch/Cable" => FaultClass.Fabric,
        "Software Bug" or "Dependency" or "NCCL Watchdog Timeouts" => FaultClass.App,
        _ => FaultClass.HeldForHuman,
    };

    private static List<FailureCategory> LoadLlama3()
    {
        using Stream stream = typeof(FailureCategory).Assembly.GetManifestResourceStream("DeviceHealth.llama3_interruptions.csv")
            ?? throw new DeviceHealthException("The embedded failure table is missing from the assembly.");
        using StreamReader reader = new(stream);
        List<FailureCategory> list = [];
        List<(int Line, string[] Fields)> rows = Signals.CsvReader.ReadAll(reader);
        for (int i = 1; i < rows.Count; i++)
        {
            string[] f = rows[i].Fields;
            list.Add(new FailureCategory(f[0], int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), ClassFor(f[0])));
        }

        return list;
    }
}
