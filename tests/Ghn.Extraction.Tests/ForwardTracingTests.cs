using Ghn.Graphs;

namespace Ghn.Extraction.Tests;

/// <summary>forward is traced with symbolic tensors into graph ops with TorchSharp's attribute values.</summary>
public sealed class ForwardTracingTests
{
    private static ArchitectureGraph Trace(string forwardBody, string members = "") => ModelCompiler.Graph($$"""
        [GhnInit]
        public sealed class Net : Module<Tensor, Tensor>
        {
            private readonly Conv2d conv = Conv2d(3, 8, 3, stride: 2);
            private readonly bool useResidual = true;
            {{members}}
            public Net() : base("Net") { RegisterComponents(); }
            public override Tensor forward(Tensor x)
            {
                {{forwardBody}}
            }
        }
        """);

    [Fact]
    public void Functional_torch_and_method_spellings_give_the_same_ops()
    {
        var graph = Trace("""
            x = conv.forward(x);
            x = F.relu(x); x = torch.sigmoid(x); x = x.tanh(); x = F.gelu(x); x = F.silu(x); x = x.relu6();
            x = F.leaky_relu(x, 0.2); x = F.elu(x, 0.5); x = F.hardswish(x); x = F.hardsigmoid(x); x = x.softmax(1);
            return F.dropout(x, 0.3);
            """);

        Assert.Equal(
            ["conv2d", "relu", "sigmoid", "tanh", "gelu", "silu", "relu6", "leaky_relu", "elu", "hardswish", "hardsigmoid", "softmax", "dropout"],
            graph.Ops());
        Assert.Equal(0.2, graph.Nodes[8].Attribute("negative_slope").AsDouble());
        Assert.Equal(0.5, graph.Nodes[9].Attribute("alpha").AsDouble());
        Assert.Equal("none", graph.Nodes[5].Attribute("approximate").AsString());
        Assert.Equal(1, graph.Nodes[12].Attribute("dim").AsInt());
        Assert.Equal(0.3, graph.Nodes[13].Attribute("p").AsDouble());
        Assert.Equal([2, 2], graph.Nodes[1].Attribute("stride").AsInts());
        Assert.Equal([0, 0], graph.Nodes[1].Attribute("padding").AsInts());
    }

    [Fact]
    public void Pooling_defaults_stride_to_the_kernel()
    {
        var graph = Trace("""
            x = F.max_pool2d(conv.forward(x), 3);
            x = F.avg_pool2d(x, 2, padding: 1);
            return torch.flatten(x);
            """);

        Assert.Equal(["conv2d", "max_pool2d", "avg_pool2d", "flatten"], graph.Ops());
        Assert.Equal([3, 3], graph.Nodes[2].Attribute("stride").AsInts());
        Assert.Equal([1, 1], graph.Nodes[2].Attribute("dilation").AsInts());
        Assert.False(graph.Nodes[2].Attribute("ceil_mode").AsBool());
        Assert.Equal([2, 2], graph.Nodes[3].Attribute("stride").AsInts());
        Assert.Equal([1, 1], graph.Nodes[3].Attribute("padding").AsInts());
        Assert.True(graph.Nodes[3].Attribute("count_include_pad").AsBool());
        Assert.Equal(0, graph.Nodes[4].Attribute("start_dim").AsInt());
    }

    [Fact]
    public void Residual_sums_products_cat_and_branches_on_compile_time_values()
    {
        var graph = Trace("""
            using var scope = torch.NewDisposeScope();
            var y = conv.forward(x);
            var z = y.relu();
            if (useResidual) z = z + y; else z = z * y;
            z = torch.cat([z, y * 0.5], dim: 1);
            z = torch.add(z, z).mul(2);
            z.add_(1.0);
            return z.MoveToOuterDisposeScope();
            """);

        Assert.Equal(["conv2d", "relu", "add", "mul", "cat", "add", "mul", "add"], graph.Ops());
        Assert.Equal([2, 1], graph.Nodes[3].Inputs);
        Assert.Equal(0.5, graph.Nodes[4].Attribute("scalar").AsDouble());
        Assert.Equal([3, 4], graph.Nodes[5].Inputs);
        Assert.Equal(1, graph.Nodes[5].Attribute("dim").AsInt());
        Assert.Equal([5, 5], graph.Nodes[6].Inputs);
        Assert.Equal([8], graph.Output.Inputs);
    }

    [Fact]
    public void View_copies_dimensions_read_with_size_and_mean_keeps_its_dims()
    {
        var graph = Trace("""
            x = conv.forward(x);
            var pooled = x.mean([2, 3], keepdim: true);
            return pooled.view(pooled.size(0), -1);
            """);

        Assert.Equal(["conv2d", "mean", "reshape"], graph.Ops());
        Assert.Equal([2, 3], graph.Nodes[2].Attribute("dims").AsInts());
        Assert.True(graph.Nodes[2].Attribute("keepdim").AsBool());
        Assert.Equal([0, -1], graph.Nodes[3].Attribute("input_dims").AsInts());
        Assert.Equal(-1, graph.Nodes[3].Attribute("shape").AsInts()[1]);
    }

    [Fact]
    public void In_place_module_rebinds_its_input()
    {
        var graph = Trace(
            """
            var y = conv.forward(x);
            act.forward(y);
            return y;
            """,
            "private readonly ReLU act = ReLU(inplace: true);");

        Assert.Equal(["conv2d", "relu"], graph.Ops());
        Assert.Equal([2], graph.Output.Inputs);
    }

    [Fact]
    public void Local_functions_and_instance_helpers_run_in_forward()
    {
        var graph = Trace(
            """
            Tensor Twice(Tensor t) => Act(Act(t));
            return Twice(conv.forward(x));
            """,
            "private Tensor Act(Tensor t) => useResidual ? t.relu() : t;");

        Assert.Equal(["conv2d", "relu", "relu"], graph.Ops());
    }

    [Fact]
    public void Conditional_access_and_the_training_flag()
    {
        var graph = Trace(
            """
            var y = missing?.forward(x) ?? conv.forward(x);
            y = F.dropout(y, 0.25, training);
            return F.dropout(y, 0.5, training: false);
            """,
            "private readonly Conv2d? missing = null;");

        Assert.Equal(["conv2d", "dropout"], graph.Ops());
    }

    [Fact]
    public void Module_dict_pairs_keys_and_values_enumerate_in_insertion_order()
    {
        var graph = Trace(
            """
            x = conv.forward(x).mean([2, 3]);
            var outputs = new List<Tensor>();
            foreach (var (name, head) in heads)
                if (name != "skip") outputs.Add(head.forward(x));
            foreach (var key in heads.keys())
                if (key == "skip") outputs.Add(heads[key].forward(x));
            return torch.cat(outputs, 1) * heads.values().Count();
            """,
            """private readonly ModuleDict<Module<Tensor, Tensor>> heads = ModuleDict<Module<Tensor, Tensor>>(("b", Linear(8, 2)), ("a", Linear(8, 3)), ("skip", Identity()));""");

        Assert.Equal(["conv2d", "mean", "linear", "linear", "identity", "cat", "mul"], graph.Ops());
        Assert.Equal("heads.b", graph.Nodes[3].Module);
        Assert.Equal(3.0, graph.Nodes[7].Attribute("scalar").AsDouble());
    }

    [Theory]
    [InlineData(8, "a.weight [2, 8]")]
    [InlineData(6, "b.weight [3, 6]")]
    public void With_an_input_shape_a_guard_on_a_size_picks_the_side_TorchSharp_would(int features, string expected)
    {
        var graph = ModelCompiler.Graph($$"""
            [GhnInit(InputShape = new[] { {{features}} })]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly Linear a = Linear(8, 2);
                private readonly Linear b = Linear(6, 3);
                public Net() : base("Net") { RegisterComponents(); }
                public override Tensor forward(Tensor x) => x.shape[1] == 8 ? a.call(x) : b.call(x);
            }
            """);

        Assert.Equal(expected, graph.ParameterList()[0]);
    }

    [Fact]
    public void With_an_input_shape_sizes_are_numbers_for_shape_arithmetic_and_the_batch_stays_a_run_time_size()
    {
        var graph = ModelCompiler.Graph("""
            [GhnInit(InputShape = new[] { 4, 6 })]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private const int Heads = 2;
                private readonly Linear fc = Linear(12, 3);
                public Net() : base("Net") { RegisterComponents(); }
                public override Tensor forward(Tensor x)
                {
                    var (batch, tokens, width) = (x.shape[0], x.size(1), x.size(-1));
                    var heads = x.view(batch, tokens, Heads, width / Heads);
                    return fc.forward(heads.reshape(batch, tokens / 2, x.dim() * width / 3 * 2));
                }
            }
            """);

        var reshapes = graph.Nodes.Where(n => n.Kind == OpKind.Reshape).ToList();
        Assert.Equal([0, 4, 2, 3], reshapes[0].Attribute("shape").AsInts());
        Assert.Equal([0, -1, -1, -1], reshapes[0].Attribute("input_dims").AsInts());
        // The batch, read off x, is copied from the reshaped tensor's own batch dimension.
        Assert.Equal([0, 2, 12], reshapes[1].Attribute("shape").AsInts());
        Assert.Equal([0, -1, -1], reshapes[1].Attribute("input_dims").AsInts());
    }

    [Fact]
    public void A_layer_called_twice_shares_its_parameters_and_has_one_primitive_node()
    {
        var graph = ModelCompiler.Graph("""
            [GhnInit]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly Linear shared = Linear(4, 4);
                private readonly Linear head = Linear(4, 2);
                public Net() : base("Net") { RegisterComponents(); }
                public override Tensor forward(Tensor x) => head.forward(shared.forward(shared.forward(x).relu()));
            }
            """);

        Assert.Equal(["linear", "relu", "linear", "linear"], graph.Ops());
        Assert.Equal(["shared.weight [4, 4]", "shared.bias [4]", "head.weight [2, 4]", "head.bias [2]"], graph.ParameterList());
        var primitive = graph.ToPrimitiveGraph();
        Assert.Equal(["input", "conv", "bias", "conv", "bias"], primitive.Nodes.Select(n => n.Type.ToName()));
        // The second call adds no node: its result comes from its input and from the shared layer's node.
        Assert.Equal([(0, 1), (1, 2), (2, 3), (3, 4)], primitive.Edges);
    }

    [Theory]
    [InlineData("wte.weight = lm_head.weight;")]
    [InlineData("lm_head.weight = wte.weight;")]
    public void Tied_weights_are_one_parameter_under_the_first_registered_name(string tie)
    {
        var graph = ModelCompiler.Graph($$"""
            [GhnInit(InputShape = new[] { 6 })]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly Embedding wte = Embedding(10, 4);
                private readonly LayerNorm ln = LayerNorm(4);
                private readonly Linear lm_head = Linear(4, 10, hasBias: false);
                public Net() : base("Net")
                {
                    {{tie}}
                    RegisterComponents();
                }
                public override Tensor forward(Tensor x) => lm_head.forward(ln.forward(wte.forward(x)));
            }
            """);

        Assert.Equal(["wte.weight [10, 4]", "ln.weight [4]", "ln.bias [4]"], graph.ParameterList());
        Assert.Equal("wte.weight", graph.Nodes[3].Parameters.Single().Name);
        Assert.Equal(["wte.weight", "ln.weight", "ln.bias"], graph.PredictedParameters.Select(p => p.Name));
        Assert.Equal(["input", "pos_enc", "ln"], graph.ToPrimitiveGraph().Nodes.Select(n => n.Type.ToName()));
    }

    [Fact]
    public void An_initial_state_made_in_forward_is_sized_by_the_batch_and_feeds_the_recurrent_layer()
    {
        var graph = ModelCompiler.Graph("""
            [GhnInit(InputShape = new[] { 5, 4 })]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly LSTM lstm = LSTM(4, 8, batchFirst: true);
                public Net() : base("Net") { RegisterComponents(); }
                public override Tensor forward(Tensor x)
                {
                    var h0 = torch.zeros(1, x.size(0), 8, device: x.device);
                    var c0 = x.new_ones(1, x.shape[0], 8) + torch.zeros_like(h0);
                    var (y, _, _) = lstm.call(x, (h0, c0));
                    return y;
                }
            }
            """);

        var rnn = graph.Nodes.Single(n => n.Kind == OpKind.Rnn);
        Assert.Equal(3, rnn.Inputs.Count);
        var fills = graph.Nodes.Where(n => n.Kind == OpKind.Full).ToList();
        Assert.Equal([0.0, 1.0, 0.0], fills.Select(n => n.Attribute("value").AsDouble()));
        Assert.All(fills.Take(2), n => Assert.Equal([-1, 0, -1], n.Attribute("reference_dims").AsInts()));
        Assert.Equal([0, 1, 2], fills[2].Attribute("reference_dims").AsInts());
        Assert.Equal(["Float32", "", ""], fills.Select(n => n.Attribute("dtype").AsString()));
    }

    [Fact]
    public void Input_checks_that_throw_are_passed_and_run_time_sizes_are_the_inferred_reshape_entry()
    {
        // The element type and handle are known only at run time, so a check on them cannot be evaluated: a model
        // called correctly does not throw. B * T (the batch times 5) and B are exact as the one -1 of a reshape.
        var graph = ModelCompiler.Graph("""
            [GhnInit(InputShape = new[] { 5, 8 })]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly Linear fc = Linear(8, 4);
                public Net() : base("Net") { RegisterComponents(); }
                public override Tensor forward(Tensor x)
                {
                    if (x.dtype != ScalarType.Float32 || x.Handle == IntPtr.Zero)
                    {
                        var message = $"bad input {x.dtype}";
                        throw new ArgumentException(message);
                    }

                    if (x.shape[2] == 8) { } else { throw new ArgumentException("8 features"); }
                    var (B, T) = (x.size(0), x.size(1));
                    var y = fc.forward(x.reshape(B * T, 8).alias().detach().clone());
                    return (bool)(y == null) ? x : y.view(B, T, 4);
                }
            }
            """);

        Assert.Equal(["reshape", "linear", "reshape"], graph.Ops());
        Assert.Equal([-1, 8], graph.Nodes[1].Attribute("shape").AsInts());
    }

    [Fact]
    public void Pointwise_math_reductions_stacks_and_casts_are_ops()
    {
        var graph = Trace("""
            var y = conv.forward(x);
            var z = torch.stack([y.pow(2).sum(1), y.abs().clamp(max: 3.0).mean([1]), y.exp().rsqrt().sum(dim: 1, keepdim: false)], dim: 1);
            return z.to(ScalarType.Float64).@float();
            """);

        Assert.Equal(["conv2d", "pointwise", "sum", "pointwise", "pointwise", "mean", "pointwise", "pointwise", "sum", "stack", "cast", "cast"], graph.Ops());
        Assert.Equal(2.0, graph.Nodes[2].Attribute("exponent").AsDouble());
        Assert.Equal(3.0, graph.Nodes[5].Attribute("max").AsDouble());
        Assert.False(graph.Nodes[5].Attributes.ContainsKey("min"));
        Assert.Equal(["Float64", "Float32"], graph.Nodes.Where(n => n.Kind == OpKind.Cast).Select(n => n.Attribute("dtype").AsString()));
    }
}
