using Ghn.Graphs;

namespace Ghn.Graphs.Tests;

public sealed class OpDefinitionTests
{
    [Fact]
    public void Every_op_kind_has_one_definition_with_a_name_a_shape_rule_and_a_primitive_mapping()
    {
        var kinds = Enum.GetValues<OpKind>();
        Assert.Equal(kinds.Length, OpDefinitions.All.Count);
        foreach (var kind in kinds)
        {
            var definition = OpDefinitions.Of(kind);
            Assert.Equal(kind, definition.Kind);
            Assert.Matches("^[a-z][a-z0-9_]*$", definition.Name);
            Assert.NotNull(definition.Shape);
            Assert.True(Enum.IsDefined(definition.Primitive), $"{kind} has no primitive mapping");
            Assert.True(OpKinds.TryParse(definition.Name, out var parsed) && parsed == kind, $"'{definition.Name}' does not parse back to {kind}");
        }

        Assert.Equal(kinds.Length, OpDefinitions.All.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Only_the_input_op_maps_to_the_primitive_input()
    {
        Assert.Equal([OpKind.Input], OpDefinitions.All.Where(d => d.Primitive == PrimitiveMapping.Input).Select(d => d.Kind));
    }
}
