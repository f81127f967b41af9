using Ghn.Extraction.Interpreter;
using Ghn.Extraction.Values;

namespace Ghn.Extraction.Forward;

/// <summary>The state of tracing one forward pass: the graph so far and what module calls and tensor ops emit.</summary>
internal sealed class ForwardTrace
{
    public ForwardTrace(ExtractionContext context, UserModule root, IReadOnlyList<int>? inputShape, int inputs)
    {
        Graph = new GraphBuilder(context.Budget.Limits.MaxGraphNodes, inputShape, inputs);
        Modules = new ModuleCalls(context, this, ModulePaths.Compute(root));
        Tensors = new TensorOps(this);
    }

    public GraphBuilder Graph { get; }

    public ModuleCalls Modules { get; }

    public TensorOps Tensors { get; }
}
