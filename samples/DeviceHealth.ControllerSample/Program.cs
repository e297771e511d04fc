namespace DeviceHealth.ControllerSample;

internal static class Program
{
    private static int Main() => 0;
}
