using DeviceHealth.ControllerSample;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// DeviceHealth embedded in a controller: a Generic Host with configuration (appsettings.json, environment variables,
// command line), console logging, validated options, leader election through a Lease, and graceful shutdown that
// releases the Lease. Run it with a kubeconfig (out of cluster) or as a Deployment with the RBAC in deploy/rbac.yaml.
// Dry run first: dotnet run -- --DeviceHealth:Kubernetes:DryRun=true
HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);

builder.Services.AddSingleton<IKubernetes>(_ => new Kubernetes(
    KubernetesClientConfiguration.IsInCluster()
        ? KubernetesClientConfiguration.InClusterConfig()
        : KubernetesClientConfiguration.BuildConfigFromConfigFile()));

// The state machines' settings (grace period, budgets, pod watcher) and the integration's (watches, Lease).
builder.Services.AddDeviceHealth().Bind(builder.Configuration.GetSection("DeviceHealth"));
builder.Services.AddDeviceHealthKubernetes(o =>
    {
        // Each replica needs its own identity in the Lease; the pod name is the usual choice.
        o.Identity = Environment.GetEnvironmentVariable("POD_NAME") ?? Environment.MachineName;
    })
    .Bind(builder.Configuration.GetSection("DeviceHealth:Kubernetes"));

builder.Services.AddHostedService<DeviceHealthWorker>();

using IHost host = builder.Build();
await host.RunAsync().ConfigureAwait(false);
