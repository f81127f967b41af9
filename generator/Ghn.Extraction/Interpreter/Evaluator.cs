using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ghn.Extraction.Interpreter;

/// <summary>
/// Evaluates C# expressions over Roslyn's operation tree to concrete values (numbers, strings, modules) or,
/// in forward, to symbolic tensors. Calls, object creation and assignment are delegated to their own parts.
/// </summary>
internal sealed class Evaluator(ExtractionContext context) : OperationVisitor<Frame, object?>
{
    public object? Evaluate(IOperation operation, Frame frame)
    {
        context.Budget.Step(operation);
        var constant = operation.ConstantValue;
        if (constant.HasValue)
        {
            return operation.Type?.TypeKind == TypeKind.Enum ? Conversions.To(constant.Value, operation.Type) : constant.Value;
        }

        return operation.Accept(this, frame);
    }

    /// <summary>Evaluates a condition that must be a compile-time flag.</summary>
    public bool Condition(IOperation operation, Frame frame)
    {
        var value = Evaluate(operation, frame);
        if (ModeCondition.TryGet(value, out var inEvaluation))
        {
            context.Warnings.Add(Diagnostic.Create(ExtractionDiagnostics.EvaluationModeBranch, operation.Syntax.GetLocation(), operation.Syntax.ToString()));
            return inEvaluation;
        }

        return value is bool b ? b : throw NotCompileTime(operation, value);
    }

    /// <summary>Evaluates an integer that must be known at compile time (an index, a count).</summary>
    public long Integer(IOperation operation, Frame frame) =>
        Evaluate(operation, frame) switch
        {
            var n when Numeric.IsInteger(n) => Numeric.ToInt64(n!),
            var other => throw NotCompileTime(operation, other),
        };

    public static Exception NotCompileTime(IOperation operation, object? value) => value switch
    {
        UnknownValue => new UnknownReachedException(),
        SymbolicSize { FollowsBatch: true } or RuntimeSize => new ExtractionException(
            ExtractionDiagnostics.SizeNotKnown, operation, $"'{operation.Syntax}'", "the batch size", "compute it from the other sizes, or pass -1 to view/reshape"),
        SymbolicSize or SymbolicShape => new ExtractionException(
            ExtractionDiagnostics.SizeNotKnown, operation, $"'{operation.Syntax}'", "a size of the input", "give [GhnInit] the input's shape (for example InputShape = new[] { 1, 28, 28 }) so that sizes are known at build time"),
        SymbolicTensor or TrainingMode or TensorRunTimeProperty => new ExtractionException(ExtractionDiagnostics.NotCompileTime, operation, $"'{operation.Syntax}'"),
        _ => new ExtractionException(ExtractionDiagnostics.UnsupportedConstruct, operation, $"Using '{Numeric.Format(value)}' as '{operation.Syntax}'"),
    };

    public override object? DefaultVisit(IOperation operation, Frame frame) => throw Unsupported(operation);

    public static Exception Unsupported(IOperation operation) =>
        operation.Kind == OperationKind.Invalid || operation.Type?.TypeKind == TypeKind.Error
            ? new CompilationErrorException()
            : new ExtractionException(ExtractionDiagnostics.UnsupportedConstruct, operation, $"'{operation.Syntax}' ({Describe(operation.Kind)})");

    public override object? VisitInvalid(IInvalidOperation operation, Frame frame) => throw new CompilationErrorException();

    public override object? VisitLiteral(ILiteralOperation operation, Frame frame) => operation.ConstantValue.Value;

    public override object? VisitLocalReference(ILocalReferenceOperation operation, Frame frame) =>
        frame.TryGet(operation.Local, out var value) ? value : throw new CompilationErrorException();

    public override object? VisitParameterReference(IParameterReferenceOperation operation, Frame frame)
    {
        var parameter = operation.Parameter.OriginalDefinition;
        if (frame.TryGet(parameter, out var value))
        {
            return value;
        }

        // A primary-constructor parameter captured by a member: the constructor stored it in the instance.
        return frame.This is IObjectState state && state.Fields.TryGetValue(parameter, out value)
            ? value
            : throw new CompilationErrorException();
    }

    public override object? VisitInstanceReference(IInstanceReferenceOperation operation, Frame frame) =>
        operation.ReferenceKind == InstanceReferenceKind.ImplicitReceiver ? frame.ImplicitReceiver : frame.This;

    public override object? VisitFieldReference(IFieldReferenceOperation operation, Frame frame)
    {
        var field = operation.Field;
        if (field.IsStatic || field.IsConst)
        {
            return context.TorchCalls.IsTorchSharp(field)
                ? context.TorchCalls.StaticField(operation)
                : context.Statics.Get(field, operation);
        }

        var instance = Evaluate(operation.Instance!, frame);
        return instance switch
        {
            UnknownValue => instance,
            IObjectState state => InForward(state, state.Fields.TryGetValue(field.OriginalDefinition, out var value) ? value : Construction.DefaultOf(field.Type), operation),
            TupleValue tuple when field.CorrespondingTupleField is { } item => tuple.Items[TupleIndex(item)],
            null => throw new ExtractionException(ExtractionDiagnostics.NullValue, operation.Instance, $"'{operation.Instance!.Syntax}'"),
            _ => throw Unsupported(operation),
        };
    }

    public override object? VisitPropertyReference(IPropertyReferenceOperation operation, Frame frame)
    {
        var property = operation.Property;
        var instance = operation.Instance is null ? null : Evaluate(operation.Instance, frame);
        if (instance is UnknownValue)
        {
            return instance;
        }

        if (instance is IObjectState state && SourceCode.IsUserType(property.ContainingType))
        {
            if (context.Source.Layout(state.Type).BackingFields.TryGetValue(property.OriginalDefinition, out var backing)
                || context.Source.Layout(property.ContainingType).BackingFields.TryGetValue(property.OriginalDefinition, out backing))
            {
                return InForward(state, state.Fields.TryGetValue(backing, out var value) ? value : Construction.DefaultOf(property.Type), operation);
            }
        }

        if (property.GetMethod is { } getter && SourceCode.HasSource(getter))
        {
            if (property.IsStatic && context.Source.Layout(property.ContainingType).BackingFields.TryGetValue(property.OriginalDefinition, out var staticBacking))
            {
                return context.Statics.Get(staticBacking, operation);
            }

            var arguments = Arguments.Evaluate(getter, operation, operation.Arguments, a => Evaluate(a, frame));
            return context.Calls.InvokeUserMethod(getter, instance, arguments.Values, operation);
        }

        var indices = operation.Arguments.Select(a => Evaluate(a.Value, frame)).ToArray();
        return Collections.Property(context, operation, instance, indices);
    }

    public override object? VisitInvocation(IInvocationOperation operation, Frame frame) => context.Calls.Invoke(operation, frame);

    public override object? VisitObjectCreation(IObjectCreationOperation operation, Frame frame) => context.Construction.Create(operation, frame);

    public override object? VisitConversion(IConversionOperation operation, Frame frame)
    {
        var value = Evaluate(operation.Operand, frame);
        // int to System.Index (in ranges, a[..n]) keeps the number; other user-defined conversions are user code.
        if (operation.OperatorMethod is { } method && !context.TorchCalls.IsTorchSharp(method) && !LibraryTypes.IsIndex(method.ContainingType))
        {
            throw new ExtractionException(ExtractionDiagnostics.UserDefinedOperator, operation, method.ToDisplayString());
        }

        return context.Torch.IsTensorIndex(operation.Type) ? ToTensorIndex(value, operation) : Conversions.To(value, operation.Type);
    }

    /// <summary>The implicit conversions to <c>TensorIndex</c>: from a number, <c>^n</c>, a range or a (start, stop) pair.</summary>
    private static IndexValue ToTensorIndex(object? value, IOperation at) => value switch
    {
        IndexValue index => index,
        FromEnd end => IndexValue.Single(-end.Offset),
        TupleValue { Items: [var start, var stop] } => new IndexValue(IndexKind.Slice, start is null ? null : Numeric.ToInt64(start), stop is null ? null : Numeric.ToInt64(stop)),
        _ when Numeric.IsInteger(value) => IndexValue.Single(Numeric.ToInt64(value!)),
        _ => throw NotCompileTime(at, value),
    };

    /// <summary><c>stride == (1, 1)</c>: tuples compare item by item.</summary>
    public override object? VisitTupleBinaryOperator(ITupleBinaryOperation operation, Frame frame)
    {
        var (left, right) = (Evaluate(operation.LeftOperand, frame), Evaluate(operation.RightOperand, frame));
        var equal = operation.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals
            ? Operators.AreEqual(left, right)
            : throw Unsupported(operation);
        return equal is { } known ? known == (operation.OperatorKind == BinaryOperatorKind.Equals) : throw NotCompileTime(operation, left is TupleValue ? right : left);
    }

    public override object? VisitBinaryOperator(IBinaryOperation operation, Frame frame)
    {
        var kind = operation.OperatorKind;
        var left = Evaluate(operation.LeftOperand, frame);
        if (kind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr && left is bool l)
        {
            return (kind == BinaryOperatorKind.ConditionalAnd) == l ? Condition(operation.RightOperand, frame) : l;
        }

        // training && x, !training || x: the value in evaluation mode, still marked as depending on the mode.
        if (kind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr && ModeCondition.TryGet(left, out var leftInEvaluation))
        {
            if ((kind == BinaryOperatorKind.ConditionalAnd) != leftInEvaluation)
            {
                return new ModeCondition(leftInEvaluation);
            }

            var second = Evaluate(operation.RightOperand, frame);
            return ModeCondition.TryGet(second, out var secondInEvaluation) ? new ModeCondition(secondInEvaluation)
                : second is bool r ? new ModeCondition(r) : throw NotCompileTime(operation.RightOperand, second);
        }

        var right = Evaluate(operation.RightOperand, frame);
        return left is UnknownValue || right is UnknownValue ? UnknownValue.Instance : Binary(operation, kind, operation.OperatorMethod, left, right);
    }

    /// <summary>Applies a binary operator: TorchSharp's tensor operators trace graph ops; built-in ones compute.</summary>
    public object? Binary(IOperation operation, BinaryOperatorKind kind, IMethodSymbol? method, object? left, object? right)
    {
        // TorchSharp's tensor == null on a tensor is false (an empty comparison, false as a bool); on a null tensor it
        // throws, which the operator call below reports.
        if (method is not null && kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals && context.TorchCalls.IsTorchSharp(method)
            && (left is null ? right : right is null ? left : null) is SymbolicTensor or ModelTensor or ParameterValue)
        {
            return kind == BinaryOperatorKind.NotEquals;
        }

        if (method is not null)
        {
            return context.TorchCalls.IsTorchSharp(method)
                ? context.TorchCalls.Operator(operation, kind, left, right)
                : throw new ExtractionException(ExtractionDiagnostics.UserDefinedOperator, operation, method.ToDisplayString());
        }

        if (operation is IBinaryOperation { IsLifted: true } && (left is null || right is null) && kind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
        {
            // C#'s lifted operators on a null operand: arithmetic gives null, a comparison false.
            return operation.Type?.SpecialType == SpecialType.System_Boolean ? false : null;
        }

        if (kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals
            && (ModeCondition.TryGet(left, out var modeValue) ? right : ModeCondition.TryGet(right, out modeValue) ? left : null) is bool other)
        {
            return new ModeCondition((modeValue == other) == (kind == BinaryOperatorKind.Equals));
        }

        if (kind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide
            && (RuntimeSize.IsRuntimeSize(left) || RuntimeSize.IsRuntimeSize(right))
            && new[] { left, right }.All(v => RuntimeSize.IsRuntimeSize(v) || Numeric.IsInteger(v)))
        {
            return RuntimeSize.Instance;
        }

        try
        {
            return Operators.TryBinary(kind, left, right, operation.Type, out var result)
                ? result
                : throw NotCompileTime(operation, left is SymbolicTensor or SymbolicSize or SymbolicShape or TrainingMode or RuntimeSize or TensorRunTimeProperty ? left : right);
        }
        catch (DivideByZeroException)
        {
            throw new ExtractionException(ExtractionDiagnostics.DivisionByZero, operation);
        }
    }

    public override object? VisitUnaryOperator(IUnaryOperation operation, Frame frame)
    {
        var operand = Evaluate(operation.Operand, frame);
        if (operand is UnknownValue)
        {
            return operand;
        }

        if (operation.OperatorKind == UnaryOperatorKind.Not && ModeCondition.TryGet(operand, out var inEvaluation))
        {
            return new ModeCondition(!inEvaluation);
        }

        if (operation.OperatorMethod is { } method)
        {
            // TorchSharp's -x on a tensor is x * -1; any other operator method is user code.
            return context.TorchCalls.IsTorchSharp(method) && operation.OperatorKind == UnaryOperatorKind.Minus
                ? context.TorchCalls.Operator(operation, BinaryOperatorKind.Multiply, operand, -1.0)
                : throw new ExtractionException(ExtractionDiagnostics.UserDefinedOperator, operation, method.ToDisplayString());
        }

        if (operation.IsLifted && operand is null)
        {
            return null;
        }

        if (operation.OperatorKind == UnaryOperatorKind.Hat && Numeric.IsInteger(operand))
        {
            return new FromEnd(Numeric.ToInt64(operand!));
        }

        return Operators.TryUnary(operation.OperatorKind, operand, operation.Type, out var result) ? result : throw NotCompileTime(operation, operand);
    }

    public override object? VisitConditional(IConditionalOperation operation, Frame frame) =>
        Condition(operation.Condition, frame)
            ? Evaluate(operation.WhenTrue, frame)
            : operation.WhenFalse is { } whenFalse ? Evaluate(whenFalse, frame) : null;

    public override object? VisitCoalesce(ICoalesceOperation operation, Frame frame) =>
        Evaluate(operation.Value, frame) is { } value ? Conversions.To(value, operation.Type) : Evaluate(operation.WhenNull, frame);

    public override object? VisitThrow(IThrowOperation operation, Frame frame) =>
        throw new ExtractionException(ExtractionDiagnostics.ThrowReached, operation, frame.This is IObjectState s ? s.Type.Name : "the model");

    public override object? VisitDefaultValue(IDefaultValueOperation operation, Frame frame) => Construction.DefaultOf(operation.Type);

    public override object? VisitTuple(ITupleOperation operation, Frame frame) =>
        new TupleValue([.. operation.Elements.Select(e => Evaluate(e, frame))]);

    public override object? VisitArrayCreation(IArrayCreationOperation operation, Frame frame)
    {
        if (operation.DimensionSizes.Length != 1)
        {
            throw Unsupported(operation);
        }

        if (operation.Initializer is { } initializer)
        {
            return new ListValue(initializer.ElementValues.Select(e => Evaluate(e, frame)));
        }

        var length = Integer(operation.DimensionSizes[0], frame);
        var element = ((IArrayTypeSymbol)operation.Type!).ElementType;
        return new ListValue(Enumerable.Range(0, checked((int)length)).Select(_ => Construction.DefaultOf(element)));
    }

    public override object? VisitCollectionExpression(ICollectionExpressionOperation operation, Frame frame)
    {
        var items = new List<object?>();
        foreach (var element in operation.Elements)
        {
            if (element is ISpreadOperation spread)
            {
                items.AddRange(Collections.Enumerate(Evaluate(spread.Operand, frame), spread));
            }
            else
            {
                items.Add(Evaluate(element, frame));
            }
        }

        return new ListValue(items);
    }

    public override object? VisitArrayElementReference(IArrayElementReferenceOperation operation, Frame frame)
    {
        var array = Evaluate(operation.ArrayReference, frame);
        return operation.Indices.Length == 1
            ? Collections.Index(array, Evaluate(operation.Indices[0], frame), operation)
            : throw Unsupported(operation);
    }

    public override object? VisitInterpolatedString(IInterpolatedStringOperation operation, Frame frame)
    {
        var text = new System.Text.StringBuilder();
        foreach (var part in operation.Parts)
        {
            switch (part)
            {
                case IInterpolatedStringTextOperation t:
                    text.Append(Evaluate(t.Text, frame) as string);
                    break;
                case IInterpolationOperation { Alignment: null } i:
                    var value = Evaluate(i.Expression, frame);
                    var format = i.FormatString is null ? null : Evaluate(i.FormatString, frame) as string;
                    text.Append(format is not null && value is IFormattable formattable
                        ? formattable.ToString(format, System.Globalization.CultureInfo.InvariantCulture)
                        : Numeric.Format(value));
                    break;
                default:
                    throw Unsupported(part);
            }
        }

        return text.ToString();
    }

    public override object? VisitSimpleAssignment(ISimpleAssignmentOperation operation, Frame frame)
    {
        var value = Evaluate(operation.Value, frame);
        Assignments.Store(context, operation.Target, value, frame);
        return value;
    }

    public override object? VisitCompoundAssignment(ICompoundAssignmentOperation operation, Frame frame)
    {
        var current = Evaluate(operation.Target, frame);
        var operand = Evaluate(operation.Value, frame);
        var result = Conversions.To(Binary(operation, operation.OperatorKind, operation.OperatorMethod, current, operand), operation.Target.Type);
        Assignments.Store(context, operation.Target, result, frame);
        return result;
    }

    /// <summary><c>a..b</c>: a slice; <c>^n</c> bounds count from the end (<c>^0</c>, the end, is an open bound).</summary>
    public override object? VisitRangeOperation(IRangeOperation operation, Frame frame)
    {
        long? Bound(IOperation? bound, bool isStop) => (bound is null ? null : Evaluate(bound, frame)) switch
        {
            null => null,
            FromEnd { Offset: 0 } when isStop => null,
            FromEnd end => -end.Offset,
            var n when Numeric.IsInteger(n) => Numeric.ToInt64(n!),
            var other => throw NotCompileTime(operation, other),
        };
        return new IndexValue(IndexKind.Slice, Bound(operation.LeftOperand, false), Bound(operation.RightOperand, true));
    }

    public override object? VisitCoalesceAssignment(ICoalesceAssignmentOperation operation, Frame frame)
    {
        if (Evaluate(operation.Target, frame) is { } current)
        {
            return current;
        }

        var value = Conversions.To(Evaluate(operation.Value, frame), operation.Target.Type);
        Assignments.Store(context, operation.Target, value, frame);
        return value;
    }

    public override object? VisitIncrementOrDecrement(IIncrementOrDecrementOperation operation, Frame frame)
    {
        var current = Evaluate(operation.Target, frame);
        if (!Numeric.IsNumber(current))
        {
            throw NotCompileTime(operation, current);
        }

        var kind = operation.Kind == OperationKind.Increment ? BinaryOperatorKind.Add : BinaryOperatorKind.Subtract;
        Operators.TryBinary(kind, current, 1, operation.Type, out var updated);
        Assignments.Store(context, operation.Target, updated, frame);
        return operation.IsPostfix ? current : updated;
    }

    public override object? VisitDeconstructionAssignment(IDeconstructionAssignmentOperation operation, Frame frame)
    {
        var value = Evaluate(operation.Value, frame);
        Assignments.Store(context, operation.Target, value, frame);
        return value;
    }

    public override object? VisitAnonymousFunction(IAnonymousFunctionOperation operation, Frame frame) => new Closure(operation, frame);

    public override object? VisitDelegateCreation(IDelegateCreationOperation operation, Frame frame) =>
        operation.Target switch
        {
            IAnonymousFunctionOperation function => new Closure(function, frame),
            IMethodReferenceOperation { Method: var method } reference when SourceCode.HasSource(method) =>
                new Closure(method, reference.Instance is null || method.IsStatic ? null : Evaluate(reference.Instance, frame), frame),
            _ => throw Unsupported(operation),
        };

    public override object? VisitConditionalAccess(IConditionalAccessOperation operation, Frame frame)
    {
        var receiver = Evaluate(operation.Operation, frame);
        if (receiver is null)
        {
            return null;
        }

        var previous = frame.ConditionalReceiver;
        frame.ConditionalReceiver = receiver;
        var result = Evaluate(operation.WhenNotNull, frame);
        frame.ConditionalReceiver = previous;
        return result;
    }

    public override object? VisitConditionalAccessInstance(IConditionalAccessInstanceOperation operation, Frame frame) => frame.ConditionalReceiver;

    public override object? VisitIsPattern(IIsPatternOperation operation, Frame frame) =>
        context.Patterns.Matches(operation.Pattern, Evaluate(operation.Value, frame), frame);

    public override object? VisitIsType(IIsTypeOperation operation, Frame frame) =>
        context.Patterns.IsOfType(Evaluate(operation.ValueOperand, frame), operation.TypeOperand) != operation.IsNegated;

    public override object? VisitSwitchExpression(ISwitchExpressionOperation operation, Frame frame)
    {
        var value = Evaluate(operation.Value, frame);
        foreach (var arm in operation.Arms)
        {
            if (context.Patterns.Matches(arm.Pattern, value, frame) && (arm.Guard is null || Condition(arm.Guard, frame)))
            {
                return Conversions.To(Evaluate(arm.Value, frame), operation.Type);
            }
        }

        throw new ExtractionException(ExtractionDiagnostics.ThrowReached, operation, frame.This is IObjectState s ? s.Type.Name : "the model");
    }

    public override object? VisitNameOf(INameOfOperation operation, Frame frame) => operation.ConstantValue.Value;

    /// <summary>A module's tensor field read in forward is its registered parameter or buffer, a node of the graph.</summary>
    private object? InForward(IObjectState owner, object? value, IOperation at) =>
        value is ModelTensor tensor && context.Forward is { } trace && owner is UserModule module ? trace.Modules.ReadTensor(module, tensor, at) : value;

    private static int TupleIndex(IFieldSymbol item) => int.Parse(item.Name.Substring("Item".Length), System.Globalization.CultureInfo.InvariantCulture) - 1;

    private static string Describe(OperationKind kind) => kind switch
    {
        OperationKind.AnonymousFunction or OperationKind.DelegateCreation => "lambdas and delegates",
        OperationKind.Await => "await",
        OperationKind.ConditionalAccess => "the ?. operator",
        OperationKind.SwitchExpression or OperationKind.Switch => "switch",
        _ => kind.ToString(),
    };
}
