using Ghn.Extraction.Modules;
using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ghn.Extraction.Interpreter;

/// <summary>Stores a value into an assignment target: a variable, a field, a property, an element or a tuple.</summary>
internal static class Assignments
{
    public static void Store(ExtractionContext context, IOperation target, object? value, Frame frame)
    {
        switch (target)
        {
            case ILocalReferenceOperation local:
                frame.Set(local.Local, value);
                break;
            case IParameterReferenceOperation parameter:
                frame.Set(parameter.Parameter.OriginalDefinition, value);
                break;
            case IDeclarationExpressionOperation declaration:
                Store(context, declaration.Expression, value, frame);
                break;
            case IDiscardOperation:
                break;
            case ITupleOperation tuple when value is TupleValue items && items.Items.Count == tuple.Elements.Length:
                for (var i = 0; i < items.Items.Count; i++)
                {
                    Store(context, tuple.Elements[i], Conversions.To(items.Items[i], tuple.Elements[i].Type), frame);
                }

                break;
            case IFieldReferenceOperation { Field.IsStatic: true } field:
                context.Statics.Set(field.Field, value, field);
                break;
            case IFieldReferenceOperation field:
                Instance(context, field.Instance!, frame).Fields[field.Field.OriginalDefinition] = value;
                break;
            case IPropertyReferenceOperation property:
                StoreProperty(context, property, value, frame);
                break;
            case IArrayElementReferenceOperation element when element.Indices.Length == 1:
                Collections.SetIndex(context.Evaluator.Evaluate(element.ArrayReference, frame), context.Evaluator.Evaluate(element.Indices[0], frame), value, element);
                break;
            default:
                throw Evaluator.Unsupported(target);
        }
    }

    private static void StoreProperty(ExtractionContext context, IPropertyReferenceOperation target, object? value, Frame frame)
    {
        var property = target.Property;
        var instance = target.Instance is null ? null : context.Evaluator.Evaluate(target.Instance, frame);
        var layout = SourceCode.IsUserType(property.ContainingType) ? context.Source.Layout(property.ContainingType) : null;
        if (layout is not null && layout.BackingFields.TryGetValue(property.OriginalDefinition, out var backing))
        {
            if (backing.IsStatic)
            {
                context.Statics.Set(backing, value, target);
            }
            else
            {
                Instance(context, target.Instance!, frame).Fields[backing] = value;
            }

            return;
        }

        if (property.SetMethod is { } setter && SourceCode.HasSource(setter))
        {
            var arguments = target.Arguments.Select(a => context.Evaluator.Evaluate(a.Value, frame)).Append(value).ToArray();
            context.Calls.InvokeUserMethod(setter, instance, arguments, target);
            return;
        }

        if (instance is LayerModule layer && context.Forward is null && context.Torch.IsTensor(property.Type))
        {
            SetLayerTensor(layer, property.Name, value, target);
            return;
        }

        if (property.IsIndexer && instance is ModelTensor)
        {
            // A slice assignment of a constructor tensor (pe[TensorIndex.Ellipsis, TensorIndex.Slice(0, null, 2)] = ...).
            return;
        }

        if (property.IsIndexer && target.Arguments.Length == 1)
        {
            Collections.SetIndex(instance, context.Evaluator.Evaluate(target.Arguments[0].Value, frame), value, target);
            return;
        }

        throw Evaluator.Unsupported(target);
    }

    /// <summary>
    /// <c>wte.weight = lm_head.weight</c> ties two layers' tensors, as TorchSharp then lists one parameter under the
    /// first name it finds; a new tensor of the same shape (<c>conv.weight = Parameter(...)</c>) only sets values. Other shapes are not supported.
    /// </summary>
    private static void SetLayerTensor(LayerModule layer, string role, object? value, IOperation at)
    {
        var own = ModuleTree.Tensor(layer, role) ?? throw Evaluator.Unsupported(at);
        var shape = ModuleTree.Shape(own);
        switch (value)
        {
            case ParameterValue tensor when ModuleTree.Shape(tensor).SequenceEqual(shape):
                layer.Share(role, tensor);
                break;
            case ModelTensor { Shape: { } replacement } when replacement.SequenceEqual(shape):
                break;
            default:
                throw Evaluator.Unsupported(at);
        }
    }

    private static IObjectState Instance(ExtractionContext context, IOperation instance, Frame frame) =>
        context.Evaluator.Evaluate(instance, frame) switch
        {
            IObjectState state => state,
            null => throw new ExtractionException(ExtractionDiagnostics.NullValue, instance, $"'{instance.Syntax}'"),
            _ => throw Evaluator.Unsupported(instance),
        };
}
