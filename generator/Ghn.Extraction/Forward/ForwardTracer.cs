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
        // forward(x), or forward(input, offsets) / forward(x, mask) for a Module<Tensor, Tensor, TResult>: one input node each.
        var forward = Enumerable.Range(1, 6).Select(inputs => ModuleCalls.FindForward(root.Type, inputs))
                .FirstOrDefault(f => f is not null && f.Parameters.All(p => context.Torch.IsTensor(p.Type)))
            ?? throw new ExtractionException(ExtractionDiagnostics.NoForward, root.Type.Locations.FirstOrDefault(), root.Type.Name);
        var trace = new ForwardTrace(context, root, inputShape, forward.Parameters.Length);
        context.Forward = trace;
        var result = context.Calls.InvokeUserMethod(forward, root, [.. forward.Parameters.Select(p => (object?)new SymbolicTensor(p.Ordinal))], at: null);
        var outputs = Outputs(result).ToList();
        if (context.Errors.Count > 0)
        {
            throw new UnknownReachedException();
        }

        if (outputs.Count == 0 || outputs.Any(o => o is not SymbolicTensor))
        {
            throw new ExtractionException(ExtractionDiagnostics.ForwardResultNotTensor, forward.Locations.FirstOrDefault(), Numeric.Format(result));
        }

        context.Warnings.AddRange(trace.Modules.UnusedLayers());
        return trace.Graph.Complete([.. outputs.Cast<SymbolicTensor>().Select(o => o.Node)]);
    }

    /// <summary>The tensors a forward returns: one, or those of a tuple, list or dictionary (values in insertion order), nested ones flattened.</summary>
    private static IEnumerable<object?> Outputs(object? result) => result switch
    {
        TupleValue tuple => tuple.Items.SelectMany(Outputs),
        ListValue list => list.Items.SelectMany(Outputs),
        DictionaryValue { IsSet: false } dictionary => dictionary.Entries.SelectMany(e => Outputs(e.Value)),
        _ => [result],
    };
}
