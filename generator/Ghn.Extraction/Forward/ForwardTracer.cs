using Ghn.Extraction.Interpreter;
using Ghn.Extraction.Values;
using Ghn.Graphs;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Forward;

/// <summary>Runs the root module's forward on the symbolic input (node 0) and returns the recorded graph.</summary>
internal static class ForwardTracer
{
    public static ArchitectureGraph Trace(ExtractionContext context, UserModule root, IReadOnlyList<int>? inputShape)
    {
        var forward = ModuleCalls.FindForward(root.Type)
            ?? throw new ExtractionException(ExtractionDiagnostics.NoForward, root.Type.Locations.FirstOrDefault(), root.Type.Name);
        var trace = new ForwardTrace(context, root, inputShape);
        context.Forward = trace;
        var result = context.Calls.InvokeUserMethod(forward, root, [new SymbolicTensor(0)], at: null);
        if (result is not SymbolicTensor output)
        {
            throw new ExtractionException(ExtractionDiagnostics.ForwardResultNotTensor, forward.Locations.FirstOrDefault(), Numeric.Format(result));
        }

        context.Warnings.AddRange(trace.Modules.UnusedLayers());
        return trace.Graph.Complete(output.Node);
    }
}
