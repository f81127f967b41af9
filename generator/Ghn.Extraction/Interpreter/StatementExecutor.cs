using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ghn.Extraction.Interpreter;

/// <summary>
/// Executes statements: blocks, declarations, if, loops with compile-time bounds, return, break/continue,
/// and using/dispose scopes, which only manage memory and are therefore transparent.
/// </summary>
internal sealed class StatementExecutor(ExtractionContext context)
{
    public Completion Execute(IOperation statement, Frame frame)
    {
        context.Budget.Step(statement);
        switch (statement)
        {
            case IBlockOperation block:
                foreach (var inner in block.Operations)
                {
                    var completion = Execute(inner, frame);
                    if (completion != Completion.Normal)
                    {
                        return completion;
                    }
                }

                return Completion.Normal;
            case IExpressionStatementOperation expression:
                context.Evaluator.Evaluate(expression.Operation, frame);
                return Completion.Normal;
            case IVariableDeclarationGroupOperation group:
                Declare(group, frame);
                return Completion.Normal;
            case IUsingDeclarationOperation usingDeclaration:
                Declare(usingDeclaration.DeclarationGroup, frame);
                return Completion.Normal;
            case IUsingOperation usingStatement:
                Resources(usingStatement.Resources, frame);
                return Execute(usingStatement.Body, frame);
            case IReturnOperation ret:
                frame.ReturnValue = ret.ReturnedValue is null ? null : context.Evaluator.Evaluate(ret.ReturnedValue, frame);
                return Completion.Return;
            case IConditionalOperation conditional:
                return Conditional(conditional, frame);
            case IBranchOperation { BranchKind: BranchKind.Break }:
                return Completion.Break;
            case IBranchOperation { BranchKind: BranchKind.Continue }:
                return Completion.Continue;
            case IForLoopOperation loop:
                return For(loop, frame);
            case IForEachLoopOperation loop:
                return ForEach(loop, frame);
            case IWhileLoopOperation loop:
                return While(loop, frame);
            case ITryOperation tryStatement:
                // Nothing the evaluator runs can throw and be caught: a reached throw ends extraction (GHN016),
                // so only the body and the finally block run.
                var result = Execute(tryStatement.Body, frame);
                var afterFinally = tryStatement.Finally is null ? Completion.Normal : Execute(tryStatement.Finally, frame);
                return afterFinally != Completion.Normal ? afterFinally : result;
            case ISwitchOperation switchStatement:
                return Switch(switchStatement, frame);
            case IEmptyOperation or ILocalFunctionOperation:
                return Completion.Normal;
            case IThrowOperation:
                context.Evaluator.Evaluate(statement, frame);
                return Completion.Normal;
            default:
                throw Evaluator.Unsupported(statement);
        }
    }

    private void Declare(IVariableDeclarationGroupOperation group, Frame frame)
    {
        foreach (var declaration in group.Declarations)
        {
            foreach (var declarator in declaration.Declarators)
            {
                var initializer = declarator.Initializer ?? declaration.Initializer;
                var value = initializer is null ? Construction.DefaultOf(declarator.Symbol.Type) : context.Evaluator.Evaluate(initializer.Value, frame);
                frame.Declare(declarator.Symbol, value);
            }
        }
    }

    private void Resources(IOperation resources, Frame frame)
    {
        if (resources is IVariableDeclarationGroupOperation group)
        {
            Declare(group, frame);
        }
        else
        {
            context.Evaluator.Evaluate(resources, frame);
        }
    }

    private Completion For(IForLoopOperation loop, Frame frame)
    {
        foreach (var before in loop.Before)
        {
            Execute(before, frame);
        }

        while (loop.Condition is null || context.Evaluator.Condition(loop.Condition, frame))
        {
            var completion = Execute(loop.Body, frame);
            if (completion is Completion.Break or Completion.Return)
            {
                return completion == Completion.Return ? completion : Completion.Normal;
            }

            foreach (var step in loop.AtLoopBottom)
            {
                Execute(step, frame);
            }
        }

        return Completion.Normal;
    }

    private Completion ForEach(IForEachLoopOperation loop, Frame frame)
    {
        var collection = context.Evaluator.Evaluate(loop.Collection, frame);
        foreach (var item in Collections.Enumerate(collection, loop.Collection))
        {
            context.Budget.Step(loop);
            switch (loop.LoopControlVariable)
            {
                case IVariableDeclaratorOperation declarator:
                    frame.Declare(declarator.Symbol, Conversions.To(item, declarator.Symbol.Type));
                    break;
                default:
                    Assignments.Store(context, loop.LoopControlVariable, item, frame);
                    break;
            }

            var completion = Execute(loop.Body, frame);
            if (completion is Completion.Break or Completion.Return)
            {
                return completion == Completion.Return ? completion : Completion.Normal;
            }
        }

        return Completion.Normal;
    }

    /// <summary>A switch statement: the first matching section runs; break leaves the switch.</summary>
    private Completion Switch(ISwitchOperation operation, Frame frame)
    {
        var value = context.Evaluator.Evaluate(operation.Value, frame);
        var section = operation.Cases.FirstOrDefault(c => c.Clauses.Any(clause => Matches(clause, value, frame)))
            ?? operation.Cases.FirstOrDefault(c => c.Clauses.Any(clause => clause.CaseKind == CaseKind.Default));
        if (section is null)
        {
            return Completion.Normal;
        }

        foreach (var statement in section.Body)
        {
            var completion = Execute(statement, frame);
            if (completion != Completion.Normal)
            {
                return completion == Completion.Break ? Completion.Normal : completion;
            }
        }

        return Completion.Normal;
    }

    private bool Matches(ICaseClauseOperation clause, object? value, Frame frame) => clause switch
    {
        ISingleValueCaseClauseOperation single => Operators.AreEqual(value, context.Evaluator.Evaluate(single.Value, frame)) ?? throw Evaluator.NotCompileTime(single, value),
        IPatternCaseClauseOperation pattern => context.Patterns.Matches(pattern.Pattern, value, frame)
            && (pattern.Guard is null || context.Evaluator.Condition(pattern.Guard, frame)),
        IDefaultCaseClauseOperation => false,
        _ => throw Evaluator.Unsupported(clause),
    };

    private Completion While(IWhileLoopOperation loop, Frame frame)
    {
        var first = true;
        while (true)
        {
            if ((loop.ConditionIsTop || !first) && loop.Condition is not null
                && context.Evaluator.Condition(loop.Condition, frame) == loop.ConditionIsUntil)
            {
                return Completion.Normal;
            }

            first = false;
            var completion = Execute(loop.Body, frame);
            if (completion is Completion.Break or Completion.Return)
            {
                return completion == Completion.Return ? completion : Completion.Normal;
            }
        }
    }

    /// <summary>
    /// <c>if</c>. An input check (<c>if (x.dtype != ScalarType.Int64) throw ...</c>, <c>if (x.shape[1] != 3) throw ...</c>)
    /// whose condition is not known at build time takes the branch that does not throw: a model called correctly
    /// does not throw.
    /// </summary>
    private Completion Conditional(IConditionalOperation conditional, Frame frame)
    {
        bool condition;
        try
        {
            condition = context.Evaluator.Condition(conditional.Condition, frame);
        }
        catch (ExtractionException e) when (IsNotKnownAtBuildTime(e) && (OnlyThrows(conditional.WhenTrue) || (conditional.WhenFalse is { } otherwise && OnlyThrows(otherwise))))
        {
            condition = !OnlyThrows(conditional.WhenTrue);
        }

        return condition
            ? Execute(conditional.WhenTrue, frame)
            : conditional.WhenFalse is { } whenFalse ? Execute(whenFalse, frame) : Completion.Normal;
    }

    private static bool IsNotKnownAtBuildTime(ExtractionException e) =>
        e.Diagnostic.Id == ExtractionDiagnostics.NotCompileTime.Id || e.Diagnostic.Id == ExtractionDiagnostics.SizeNotKnown.Id || e.Diagnostic.Id == ExtractionDiagnostics.UnsupportedConstruct.Id;

    /// <summary>A throw, or a block of local declarations (the message's parts) ending in one.</summary>
    private static bool OnlyThrows(IOperation statement) => statement switch
    {
        IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation } => true,
        IBlockOperation { Operations: [.. var before, var last] } => OnlyThrows(last) && before.All(o => o is IVariableDeclarationGroupOperation),
        _ => false,
    };
}
