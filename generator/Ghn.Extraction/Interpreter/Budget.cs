using System.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Interpreter;

/// <summary>
/// Bounds the work of one extraction so that an endless loop or runaway recursion in user code ends in a
/// diagnostic within a second instead of hanging the build or the IDE.
/// </summary>
internal sealed class Budget
{
    /// <summary>Far above what a ResNet-152-sized model needs, reached in well under a second.</summary>
    public const int MaxSteps = 2_000_000;

    public const int MaxCallDepth = 256;

    public const int MaxGraphNodes = 50_000;

    public const int MaxMilliseconds = 1_000;

    // The clock and the cancellation token are read only every so many steps: they cost more than a step.
    private const int CheckInterval = 4096;

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationToken _cancellationToken;
    private int _steps;
    private int _depth;

    public Budget(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

    /// <summary>Counts one evaluation step at <paramref name="operation"/>.</summary>
    public void Step(IOperation operation)
    {
        if (++_steps % CheckInterval != 0)
        {
            return;
        }

        _cancellationToken.ThrowIfCancellationRequested();
        if (_steps >= MaxSteps)
        {
            throw new ExtractionException(ExtractionDiagnostics.StepBudgetExceeded, operation, MaxSteps);
        }

        if (_clock.ElapsedMilliseconds > MaxMilliseconds)
        {
            throw new ExtractionException(ExtractionDiagnostics.TimeBudgetExceeded, operation, MaxMilliseconds);
        }
    }

    /// <summary>Enters a call made at <paramref name="call"/>; dispose the result when the call returns.</summary>
    public DepthScope EnterCall(IOperation? call)
    {
        if (++_depth > MaxCallDepth)
        {
            _depth--;
            throw new ExtractionException(ExtractionDiagnostics.RecursionTooDeep, call, MaxCallDepth);
        }

        return new DepthScope(this);
    }

    internal readonly struct DepthScope(Budget budget) : IDisposable
    {
        public void Dispose() => budget._depth--;
    }
}
