using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Interpreter;

/// <summary>
/// Bounds the work of one extraction so that an endless loop or runaway recursion in user code ends in a
/// diagnostic within a second instead of hanging the build or the IDE.
/// </summary>
internal sealed class Budget(BudgetLimits limits, CancellationToken cancellationToken)
{
    // The clock and the cancellation token are read only every so many steps: they cost more than a step.
    private const int CheckInterval = 1024;

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _steps;
    private int _depth;

    public BudgetLimits Limits { get; } = limits;

    /// <summary>Counts one evaluation step at <paramref name="operation"/>.</summary>
    public void Step(IOperation operation)
    {
        if (++_steps % CheckInterval != 0)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (_steps >= Limits.MaxSteps)
        {
            throw new ExtractionException(ExtractionDiagnostics.StepBudgetExceeded, operation, Limits.MaxSteps);
        }

        if (_clock.ElapsedMilliseconds > Limits.MaxMilliseconds)
        {
            throw new ExtractionException(ExtractionDiagnostics.TimeBudgetExceeded, operation, Limits.MaxMilliseconds);
        }
    }

    /// <summary>Enters a call made at <paramref name="call"/>; dispose the result when the call returns.</summary>
    public DepthScope EnterCall(IOperation? call)
    {
        // The evaluator recurses on the machine stack too: stop before the compiler's thread runs out of it.
        if (_depth >= Limits.MaxCallDepth)
        {
            throw new ExtractionException(ExtractionDiagnostics.RecursionTooDeep, call, _depth);
        }

        try
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
        }
        catch (InsufficientExecutionStackException)
        {
            throw new ExtractionException(ExtractionDiagnostics.RecursionTooDeep, call, _depth);
        }

        _depth++;
        return new DepthScope(this);
    }

    internal readonly struct DepthScope(Budget budget) : IDisposable
    {
        public void Dispose() => budget._depth--;
    }
}
