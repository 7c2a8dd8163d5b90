using Hesh.Core.Common.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Hesh.Web.Telemetry;

/// <summary>One per circuit: counts it in <c>hesh.circuits.open</c> from its opening to its disposal.</summary>
internal sealed class CircuitMetrics(HeshMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }
}
