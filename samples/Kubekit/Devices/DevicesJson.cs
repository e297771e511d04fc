using System.Text.Json;
using DeviceHealth.Signals;

namespace Kubekit.Devices;

/// <summary>JSON pieces shared by the devices subcommands.</summary>
internal static class DevicesJson
{
    public static void WriteDiagnostics(Utf8JsonWriter w, IEnumerable<Diagnostic> diagnostics)
    {
        w.WriteStartArray("diagnostics");
        foreach (Diagnostic d in diagnostics)
        {
            w.WriteStartObject();
            w.WriteNumber("line", d.Line);
            w.WriteNumber("column", d.Column);
            w.WriteString("message", d.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void NumberOrNull(Utf8JsonWriter w, string name, long? value)
    {
        if (value is long v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static void BoolOrNull(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is bool v)
        {
            w.WriteBoolean(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
