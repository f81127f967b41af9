using Ghn.Extraction.Forward;
using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Interpreter;

/// <summary>Everything one extraction shares: symbols, budget, cached source, and the evaluator's parts.</summary>
internal sealed class ExtractionContext
{
    public ExtractionContext(Compilation compilation, TorchSharpSymbols torch, BudgetLimits limits, CancellationToken cancellationToken)
    {
        Torch = torch;
        Budget = new Budget(limits, cancellationToken);
        Source = new SourceCode(compilation);
        Statics = new StaticFields(this);
        Evaluator = new Evaluator(this);
        Patterns = new Patterns(this);
        Statements = new StatementExecutor(this);
        Calls = new CallDispatcher(this);
        Construction = new Construction(this);
        Library = new LibraryCalls(this);
        TorchCalls = new TorchCalls(this);
    }

    public TorchSharpSymbols Torch { get; }

    public Budget Budget { get; }

    public SourceCode Source { get; }

    public StaticFields Statics { get; }

    public Evaluator Evaluator { get; }

    public Patterns Patterns { get; }

    public StatementExecutor Statements { get; }

    public CallDispatcher Calls { get; }

    public Construction Construction { get; }

    public LibraryCalls Library { get; }

    public TorchCalls TorchCalls { get; }

    /// <summary>The forward pass being traced; null while constructors run.</summary>
    public ForwardTrace? Forward { get; set; }

    /// <summary>Warnings collected on the way.</summary>
    public List<Diagnostic> Warnings { get; } = [];

    /// <summary>Errors evaluation went on past (see <see cref="UnknownValue"/>); any other error ends extraction by exception.</summary>
    public List<Diagnostic> Errors { get; } = [];

    /// <summary>Records an unsupported construct and goes on with its value unknown.</summary>
    public UnknownValue Recover(ExtractionException error)
    {
        Errors.Add(error.Diagnostic);
        return UnknownValue.Instance;
    }
}
