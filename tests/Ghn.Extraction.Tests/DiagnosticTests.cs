using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ghn.Extraction.Tests;

/// <summary>One test per extraction diagnostic: its id, severity and exact location.</summary>
public sealed class DiagnosticTests
{
    /// <summary>A model whose constructor body and forward body are spliced in.</summary>
    private static string Model(string constructor = "", string forward = "return fc.forward(x);", string members = "") => $$"""
        [GhnInit]
        public sealed class Net : Module<Tensor, Tensor>
        {
            private readonly Linear fc = Linear(4, 4);
            {{members}}
            public Net() : base("Net")
            {
                {{constructor}}
                RegisterComponents();
            }
            public override Tensor forward(Tensor x)
            {
                {{forward}}
            }
        }
        """;

    [Fact]
    public void GHN001_an_internal_failure_is_reported_not_thrown()
    {
        var model = ModelCompiler.Compile(Model());
        var unrelated = CSharpCompilation.Create("Other", references: model.References);

        var result = ModelExtractor.Extract(model.GetTypeByMetadataName("Net")!, unrelated);

        Assert.Null(result.Graph);
        Assert.Equal(ExtractionDiagnostics.InternalError.Id, Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void GHN002_no_constructor_matches() => DiagnosticAssert.Reports(
        """
        [[|GhnInit("wide")|]]
        public sealed class Net : Module<Tensor, Tensor>
        {
            public Net(int width) : base("Net") { }
            public override Tensor forward(Tensor x) => x;
        }
        """,
        ExtractionDiagnostics.NoMatchingConstructor);

    [Fact]
    public void GHN003_several_constructors_match() => DiagnosticAssert.Reports(
        """
        [[|GhnInit(3)|]]
        public sealed class Net : Module<Tensor, Tensor>
        {
            public Net(int width, int depth = 1) : base("Net") { }
            public Net(int width, bool bias = true) : base("Net") { }
            public override Tensor forward(Tensor x) => x;
        }
        """,
        ExtractionDiagnostics.AmbiguousConstructor);

    [Fact]
    public void GHN004_no_forward_of_tensors_only() => DiagnosticAssert.Reports(
        """
        [GhnInit]
        public sealed class [|Net|] : Module<Tensor, int, Tensor>
        {
            public Net() : base("Net") { }
            public override Tensor forward(Tensor x, int steps) => x;
        }
        """,
        ExtractionDiagnostics.NoForward);

    [Fact]
    public void GHN005_not_a_module() => DiagnosticAssert.Reports(
        """
        [GhnInit]
        public sealed class [|Net|]
        {
        }
        """,
        ExtractionDiagnostics.NotAModule);

    [Fact]
    public void GHN006_TorchSharp_not_referenced() => DiagnosticAssert.Reports(
        """
        [Ghn.GhnInit]
        public sealed class [|Net|]
        {
        }
        """,
        ExtractionDiagnostics.TorchSharpNotReferenced,
        torchSharp: false);

    [Fact]
    public void GHN007_code_with_compile_errors_gets_one_informational_diagnostic() => DiagnosticAssert.Reports(
        """
        [GhnInit]
        public sealed class [|Net|] : Module<Tensor, Tensor>
        {
            private readonly Linear fc = Linear(4, Missing);
            public Net() : base("Net") { RegisterComponents(); }
            public override Tensor forward(Tensor x) => fc.forward(x);
        }
        """,
        ExtractionDiagnostics.CompilationErrors,
        allowErrors: true);

    [Fact]
    public void GHN008_unsupported_construct() => DiagnosticAssert.Reports(
        Model(constructor: "var name = [|typeof(Net)|].Name;"),
        ExtractionDiagnostics.UnsupportedConstruct);

    [Fact]
    public void GHN009_library_call_without_source() => DiagnosticAssert.Reports(
        Model(constructor: """var width = [|Environment.GetEnvironmentVariable("WIDTH")|];"""),
        ExtractionDiagnostics.UnsupportedLibraryCall);

    [Fact]
    public void GHN010_unsupported_TorchSharp_module() => DiagnosticAssert.Reports(
        Model(members: "private readonly Conv1d conv = [|Conv1d(4, 4, 3)|];"),
        ExtractionDiagnostics.UnsupportedTorchApi);

    [Fact]
    public void GHN037_branch_on_a_size_of_the_input_without_an_input_shape() => DiagnosticAssert.Reports(
        Model(forward: "if ([|x.size(1) > 3|]) x = x.relu(); return fc.forward(x);"),
        ExtractionDiagnostics.SizeNotKnown);

    [Fact]
    public void GHN037_the_batch_size_is_not_known_even_with_an_input_shape()
    {
        var result = DiagnosticAssert.Reports(
            Model(forward: "if ([|x.size(0) > 3|]) x = x.relu(); return fc.forward(x);").Replace("[GhnInit]", "[GhnInit(InputShape = new[] { 4 })]"),
            ExtractionDiagnostics.SizeNotKnown);

        Assert.Contains("the batch size", result.Diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void GHN035_an_input_shape_with_a_size_below_one() => DiagnosticAssert.Reports(
        "[[|GhnInit(InputShape = new[] { 3, 0 })|]]" + Model().Replace("[GhnInit]", ""),
        ExtractionDiagnostics.InvalidInputShape);

    [Fact]
    public void GHN036_a_layer_that_does_not_fit_the_input_shape() => DiagnosticAssert.Reports(
        Model(forward: "return [|fc.forward(x)|];").Replace("[GhnInit]", "[GhnInit(InputShape = new[] { 5 })]"),
        ExtractionDiagnostics.ShapeMismatch);

    private const string EndlessLoop = "var n = 0; [|while (n >= 0) { n = n % 7 + 1; }|]";

    [Fact]
    public void GHN012_step_budget() => DiagnosticAssert.Reports(
        Model(constructor: EndlessLoop),
        ExtractionDiagnostics.StepBudgetExceeded,
        within: true,
        limits: Interpreter.BudgetLimits.Default with { MaxSteps = 100_000, MaxMilliseconds = 60_000 });

    [Fact]
    public void GHN013_runaway_recursion_ends_in_a_diagnostic() => DiagnosticAssert.Reports(
        Model(constructor: "var depth = Depth(0);", members: "private static int Depth(int n) => [|Depth(n + 1)|];"),
        ExtractionDiagnostics.RecursionTooDeep);

    [Fact]
    public void GHN014_graph_too_large() => DiagnosticAssert.Reports(
        Model(forward: "for (var i = 0; i < 1000; i++) x = [|x.relu()|]; return x;"),
        ExtractionDiagnostics.GraphTooLarge,
        limits: Interpreter.BudgetLimits.Default with { MaxGraphNodes = 500, MaxMilliseconds = 60_000 });

    [Fact]
    public void GHN015_time_budget() => DiagnosticAssert.Reports(
        Model(constructor: EndlessLoop),
        ExtractionDiagnostics.TimeBudgetExceeded,
        within: true,
        limits: Interpreter.BudgetLimits.Default with { MaxSteps = int.MaxValue, MaxMilliseconds = 50 });

    [Fact]
    public void GHN016_throw_reached_with_the_extraction_arguments() => DiagnosticAssert.Reports(
        Model(constructor: "var width = 0; if (width == 0) [|throw new ArgumentException(\"width\");|]"),
        ExtractionDiagnostics.ThrowReached);

    [Fact]
    public void GHN017_null_value() => DiagnosticAssert.Reports(
        Model(members: "private readonly Linear? unset;", forward: "return [|unset|]!.forward(x);"),
        ExtractionDiagnostics.NullValue);

    [Fact]
    public void GHN018_index_out_of_range() => DiagnosticAssert.Reports(
        Model(constructor: "int[] widths = [1, 2]; var width = [|widths[2]|];"),
        ExtractionDiagnostics.IndexOutOfRange);

    [Fact]
    public void GHN019_division_by_zero() => DiagnosticAssert.Reports(
        Model(constructor: "var groups = 0; var width = [|8 / groups|];"),
        ExtractionDiagnostics.DivisionByZero);

    [Fact]
    public void GHN020_same_padding_that_is_asymmetric() => DiagnosticAssert.Reports(
        Model(members: "private readonly Conv2d conv = Conv2d(3, 8, 4, [|Padding.Same|]);"),
        ExtractionDiagnostics.AsymmetricSamePadding);

    [Fact]
    public void GHN021_padding_mode_other_than_zeros() => DiagnosticAssert.Reports(
        Model(members: "private readonly Conv2d conv = Conv2d(3, 8, 3, padding: 1, [|padding_mode: PaddingModes.Reflect|]);"),
        ExtractionDiagnostics.UnsupportedPaddingMode);

    [Fact]
    public void GHN022_components_never_registered() => DiagnosticAssert.Reports(
        """
        [GhnInit]
        public sealed class [|Net|] : Module<Tensor, Tensor>
        {
            private readonly Linear fc = Linear(4, 4);
            public Net() : base("Net") { }
            public override Tensor forward(Tensor x) => fc.forward(x);
        }
        """,
        ExtractionDiagnostics.ComponentsNotRegistered);

    [Fact]
    public void GHN034_a_pure_library_call_that_throws_with_the_extraction_values() => DiagnosticAssert.Reports(
        Model(constructor: """var width = [|int.Parse("four")|];"""),
        ExtractionDiagnostics.LibraryCallThrows);

    [Theory]
    [InlineData("return [|x.shape[1] == 8|] ? a.call(x) : b.call(x);")]
    [InlineData("return [|x.shape[1] != 8|] ? a.call(x) : b.call(x);")]
    [InlineData("return x.size(1) is [|8|] ? a.call(x) : b.call(x);")]
    [InlineData("return x.size(1) is [|> 4|] ? a.call(x) : b.call(x);")]
    [InlineData("switch (x.shape[1]) { [|case 8:|] return a.call(x); default: return b.call(x); }")]
    public void GHN037_a_comparison_with_a_size_of_the_input_never_picks_a_side(string forward) => DiagnosticAssert.Reports(
        """
        [GhnInit]
        public sealed class Net : Module<Tensor, Tensor>
        {
            private readonly Linear a = Linear(8, 2);
            private readonly Linear b = Linear(8, 3);
            public Net() : base("Net") { RegisterComponents(); }
            public override Tensor forward(Tensor x)
            {
        """ + forward + """

            }
        }
        """,
        ExtractionDiagnostics.SizeNotKnown);

    [Fact]
    public void GHN024_registered_module_never_called_is_information_and_the_rest_is_predicted()
    {
        var result = DiagnosticAssert.Reports(
            Model(members: "private readonly Sequential aux = [|Sequential(Linear(4, 4), ReLU(), Linear(4, 2))|];"),
            ExtractionDiagnostics.UnusedModule);

        Assert.Contains("'aux'", result.Diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(result.Graph!.Parameters, p => p.Name.StartsWith("aux.", StringComparison.Ordinal));
        Assert.Contains(result.Graph.Parameters, p => p.Name == "fc.weight");
    }

    [Fact]
    public void GHN025_component_name_used_twice() => DiagnosticAssert.Reports(
        Model(members: "private readonly List<Linear> extra = [Linear(4, 4)];", forward: "[|register_module(\"fc\", extra[0])|]; return fc.forward(x);"),
        ExtractionDiagnostics.DuplicateComponentName);

    [Fact]
    public void GHN026_a_layer_built_from_tensors() => DiagnosticAssert.Reports(
        Model(members: "private readonly Linear built = [|Linear(new Parameter(torch.ones(2, 4)), new Parameter(torch.zeros(2)))|];"),
        ExtractionDiagnostics.TensorInConstructor);

    [Fact]
    public void Every_unsupported_construct_of_a_model_is_reported_in_one_extraction()
    {
        var source = Model(
            members: "private readonly Linear head = Linear(4, 2); private readonly Module<Tensor, Tensor> odd = nn.PixelShuffle(2);",
            forward: "var a = x.cumsum(1); var b = odd.forward(a) + x.cumprod(1); var c = fc.forward(x); return head.forward(c + b.sort().Values);");

        var result = ModelCompiler.Extract(source, allowErrors: false, torchSharp: true, limits: null);

        Assert.Null(result.Graph);
        var messages = result.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(result.Diagnostics, d => Assert.Equal(ExtractionDiagnostics.UnsupportedTorchApi.Id, d.Id));
        Assert.Equal(3, result.Diagnostics.Length);
        Assert.Contains(messages, m => m.Contains("PixelShuffle"));
        Assert.Contains(messages, m => m.Contains("cumsum"));
        Assert.Contains(messages, m => m.Contains("cumprod"));
    }

    [Fact]
    public void GHN039_recurrent_weights_are_not_predicted_and_the_rest_is()
    {
        var result = DiagnosticAssert.Reports(
            Model(members: "private readonly LSTM rnn = [|LSTM(4, 4)|];", forward: "var (o, _, _) = rnn.call(x); return fc.forward(o);"),
            ExtractionDiagnostics.RecurrentNotPredicted);

        Assert.Contains(result.Graph!.Parameters, p => p.Name == "rnn.weight_ih_l0");
        // The final states the model discards are not in the graph, so executing it does not compute them.
        Assert.Single(result.Graph.Nodes, n => n.Kind == Ghn.Graphs.OpKind.Rnn);
        Assert.DoesNotContain(result.Graph.PredictedParameters, p => p.Name.StartsWith("rnn.", StringComparison.Ordinal));
        Assert.Contains(result.Graph.PredictedParameters, p => p.Name == "fc.weight");
    }

    [Fact]
    public void GHN040_a_branch_on_the_training_flag_follows_evaluation_mode()
    {
        var result = DiagnosticAssert.Reports(
            Model(forward: "var y = fc.forward(x); if ([|!training && y is not null|]) { y = y.softmax(1); } return y;"),
            ExtractionDiagnostics.EvaluationModeBranch);

        Assert.Contains(result.Graph!.Nodes, n => n.Kind == Ghn.Graphs.OpKind.Softmax);
    }

    [Fact]
    public void GHN038_a_registered_tensor_whose_shape_cannot_be_followed() => DiagnosticAssert.Reports(
        Model(members: "private readonly Tensor table = torch.ones(4).cumsum(0);", constructor: "[|RegisterComponents()|];"),
        ExtractionDiagnostics.TensorShapeUnknown);

    [Fact]
    public void GHN027_invalid_argument() => DiagnosticAssert.Reports(
        Model(members: "private readonly Conv2d conv = Conv2d(3, 8, 3, [|groups: 2|]);"),
        ExtractionDiagnostics.InvalidArgument);

    [Fact]
    public void GHN028_forward_result_not_a_computed_tensor() => DiagnosticAssert.Reports(
        """
        [GhnInit]
        public sealed class Net : Module<Tensor, Tensor>
        {
            public Net() : base("Net") { }
            public override Tensor [|forward|](Tensor x) => null!;
        }
        """,
        ExtractionDiagnostics.ForwardResultNotTensor);

    [Fact]
    public void GHN029_reshape_with_the_size_of_another_tensor() => DiagnosticAssert.Reports(
        Model(forward: "var y = x.relu(); return fc.forward(y.view([|x.size(0)|], -1));"),
        ExtractionDiagnostics.UnsupportedShapeArgument);

    [Fact]
    public void GHN030_missing_module_dict_key() => DiagnosticAssert.Reports(
        Model(
            members: "private readonly ModuleDict<Linear> heads = ModuleDict<Linear>((\"a\", Linear(4, 2)));",
            forward: "return [|heads[\"b\"]|].forward(fc.forward(x));"),
        ExtractionDiagnostics.MissingKey);

    [Fact]
    public void GHN031_unsupported_GhnInit_argument() => DiagnosticAssert.Reports(
        """
        [[|GhnInit(typeof(int))|]]
        public sealed class Net : Module<Tensor, Tensor>
        {
            public Net(Type kind) : base("Net") { }
            public override Tensor forward(Tensor x) => x;
        }
        """,
        ExtractionDiagnostics.UnsupportedInitArgument);

    [Fact]
    public void GHN032_user_defined_operator() => DiagnosticAssert.Reports(
        Model(
            constructor: "var width = [|new Width(2) + new Width(2)|];",
            members: "private readonly struct Width(int value) { public static Width operator +(Width a, Width b) => new(a.Value + b.Value); public int Value => value; }"),
        ExtractionDiagnostics.UserDefinedOperator);

    [Fact]
    public void GHN033_layer_with_parameters_created_in_forward() => DiagnosticAssert.Reports(
        Model(forward: "return [|Linear(4, 2).forward(fc.forward(x))|];"),
        ExtractionDiagnostics.UnregisteredModule);

    [Fact]
    public void Every_descriptor_has_a_unique_id_in_the_extraction_range()
    {
        var descriptors = typeof(ExtractionDiagnostics).GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Id).Distinct().Count());
        Assert.All(descriptors, d =>
        {
            Assert.Matches("^GHN0[0-4][0-9]$", d.Id);
            Assert.Equal(ExtractionDiagnostics.Category, d.Category);
        });
    }
}
