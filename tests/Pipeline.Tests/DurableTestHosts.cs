using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask;

namespace Platform.Pipeline.Tests;

/// <summary>
/// Starts a <see cref="DurableTaskTestHost"/> on a port the system just handed out. Left to itself the host picks a
/// random port between 30,000 and 40,000 without checking it, inside Linux's ephemeral range, so another process's
/// connection can hold it (seen in CI: "address already in use"); a taken port is retried with another.
/// </summary>
internal static class DurableTestHosts
{
    public static async Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> registry, DurableTaskTestHostOptions? options = null)
    {
        options ??= new DurableTaskTestHostOptions();
        for (var attempt = 1; ; attempt++)
        {
            options.Port = FreePort();
            try
            {
                return await DurableTaskTestHost.StartAsync(registry, options);
            }
            catch (IOException e) when (attempt < 5 && e.InnerException is AddressInUseException)
            {
                // Taken between the probe and the bind: try another.
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
