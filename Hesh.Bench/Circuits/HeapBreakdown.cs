using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Runtime;

namespace Hesh.Bench.Circuits;

/// <summary>
/// Where a server's live objects are held, read with ClrMD from a dump of the process. Every object reachable from
/// the GC roots is charged to the nearest "owner" above it: a circuit's host (renderer, JS runtime), a component
/// (its fields), a component's render state (its render tree frames), a scoped service of a circuit's DI scope,
/// a SignalR connection. What is reachable without passing an owner is "shared" (singletons, caches, the framework),
/// charged by type — a shared type that grows with the tabs is something a singleton keeps per tab.
/// Compared before and after N tabs, the difference of each owner's bytes over N is that owner's cost per tab.
/// </summary>
internal static class HeapBreakdown
{
    private const string CircuitHost = "Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost";
    private const string Renderer = "Microsoft.AspNetCore.Components.Server.Circuits.RemoteRenderer";
    private const string HubConnection = "Microsoft.AspNetCore.SignalR.HubConnectionContext";
    private const string ComponentState = "Microsoft.AspNetCore.Components.Rendering.ComponentState";
    private const string Component = "Microsoft.AspNetCore.Components.IComponent";
    private const string Scope = "Microsoft.Extensions.DependencyInjection.ServiceLookup.ServiceProviderEngineScope";

    private enum Kind { None, Circuit, Renderer, Connection, RenderState, Component, Scope }

    public sealed record Owner(string Label)
    {
        public long Bytes { get; set; }
        public long Objects { get; set; }
        public long Instances { get; set; }
        /// <summary>Bytes by type of the objects charged here.</summary>
        public Dictionary<string, long> Types { get; } = [];
    }

    /// <summary>Writes a dump of the process with its heap (the runtime's createdump) and reads it.</summary>
    public static Dictionary<string, Owner> Measure(int processId, string dumpFile)
    {
        new DiagnosticsClient(processId).WriteDump(DumpType.WithHeap, dumpFile);
        try
        {
            return Read(dumpFile);
        }
        finally
        {
            File.Delete(dumpFile);
        }
    }

    private static Dictionary<string, Owner> Read(string dumpFile)
    {
        using var target = DataTarget.LoadDump(dumpFile);
        var clr = target.ClrVersions.Single();
        // The DAC beside the runtime the server runs on (ClrMD does not look there by itself on Linux).
        using var runtime = clr.CreateRuntime(Path.Combine(Path.GetDirectoryName(clr.ModuleInfo.FileName)!, "libmscordaccore.so"), ignoreMismatch: true);
        var heap = runtime.Heap;
        var kinds = new Dictionary<ulong, Kind>();
        Kind KindOf(ClrType? type) => type is null ? Kind.None
            : kinds.TryGetValue(type.MethodTable, out var kind) ? kind
            : kinds[type.MethodTable] = Classify(type);

        // Scoped services of every circuit (and any other live child scope): each is an owner of its own.
        var services = new Dictionary<ulong, string>();
        foreach (var scope in heap.EnumerateObjects().Where(o => o.Type?.Name == Scope && !o.ReadField<bool>("<IsRootScope>k__BackingField")))
        {
            if (scope.TryReadObjectField("<ResolvedServices>k__BackingField", out var resolved) && resolved.TryReadObjectField("_entries", out var entries) && !entries.IsNull)
            {
                foreach (var service in entries.EnumerateReferences().Where(r => r.Type?.Name is not null and not "System.RuntimeType"))
                {
                    services.TryAdd(service.Address, $"Service: {service.Type!.Name}");
                }
            }
        }

        string? OwnerLabel(ClrObject obj)
        {
            if (services.TryGetValue(obj.Address, out var service))
            {
                return service;
            }
            return KindOf(obj.Type) switch
            {
                Kind.Circuit => "Circuit: host, renderer, JS runtime, navigation",
                Kind.Renderer => "Circuit: renderer (component maps, unacknowledged batches)",
                Kind.Connection => "Circuit: SignalR connection",
                Kind.RenderState => $"Render tree: {(obj.TryReadObjectField("<Component>k__BackingField", out var c) && c.Type is { } t ? t.Name : "?")}",
                Kind.Component => $"Component: {obj.Type!.Name}",
                Kind.Scope when !obj.ReadField<bool>("<IsRootScope>k__BackingField") => "Circuit: DI scope",
                _ => null,
            };
        }

        // 1. Shared: reachable from the roots without passing an owner.
        var claimed = new HashSet<ulong>();
        var result = new Dictionary<string, Owner>();
        var owners = new Queue<(ClrObject Obj, string Label)>();
        var pending = new Stack<ClrObject>();
        foreach (var root in heap.EnumerateRoots())
        {
            pending.Push(root.Object);
        }
        while (pending.TryPop(out var obj))
        {
            if (!obj.IsValid || obj.IsFree || claimed.Contains(obj.Address))
            {
                continue;
            }
            if (OwnerLabel(obj) is { } label)
            {
                owners.Enqueue((obj, label));
                continue;
            }
            claimed.Add(obj.Address);
            Charge(result, $"Shared: {obj.Type?.Name}", obj, instance: true);
            foreach (var child in obj.EnumerateReferences(carefully: false, considerDependantHandles: true))
            {
                pending.Push(child);
            }
        }

        // 2. Owners, breadth first: an object belongs to the owner nearest above it; an owner found below starts its own.
        var inherited = new Queue<(ClrObject Obj, string Label)>();
        while (owners.Count > 0 || inherited.Count > 0)
        {
            var (obj, label) = owners.Count > 0 ? owners.Dequeue() : inherited.Dequeue();
            if (!obj.IsValid || obj.IsFree || !claimed.Add(obj.Address))
            {
                continue;
            }
            var own = OwnerLabel(obj);
            Charge(result, own ?? label, obj, instance: own is not null);
            foreach (var child in obj.EnumerateReferences(carefully: false, considerDependantHandles: true))
            {
                if (claimed.Contains(child.Address))
                {
                    continue;
                }
                if (OwnerLabel(child) is { } childOwner)
                {
                    owners.Enqueue((child, childOwner));
                }
                else
                {
                    inherited.Enqueue((child, own ?? label));
                }
            }
        }
        return result;
    }

    private static void Charge(Dictionary<string, Owner> result, string label, ClrObject obj, bool instance)
    {
        if (!result.TryGetValue(label, out var owner))
        {
            result[label] = owner = new Owner(label);
        }
        owner.Bytes += (long)obj.Size;
        owner.Objects++;
        owner.Instances += instance ? 1 : 0;
        var type = obj.Type?.Name ?? "?";
        owner.Types[type] = owner.Types.GetValueOrDefault(type) + (long)obj.Size;
    }

    private static Kind Classify(ClrType type)
    {
        switch (type.Name)
        {
            case CircuitHost: return Kind.Circuit;
            case Renderer: return Kind.Renderer;
            case HubConnection: return Kind.Connection;
            case Scope: return Kind.Scope;
        }
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.Name == ComponentState)
            {
                return Kind.RenderState;
            }
            if (t.EnumerateInterfaces().Any(i => i.Name == Component))
            {
                return Kind.Component;
            }
        }
        return Kind.None;
    }
}
