namespace Ghn.Extraction.Tests;

/// <summary>Constructors are evaluated with concrete values and register components as TorchSharp does.</summary>
public sealed class ConstructorEvaluationTests
{
    [Fact]
    public void GhnInit_arguments_select_the_constructor_and_defaults_fill_the_rest()
    {
        var graph = ModelCompiler.Graph("""
            [GhnInit(7, 3)]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly Linear fc;
                public Net(int inputs, int outputs, bool bias = false) : base("Net")
                {
                    fc = Linear(inputs, outputs, hasBias: bias);
                    RegisterComponents();
                }
                public Net() : this(1, 1) { }
                public override Tensor forward(Tensor x) => fc.forward(x);
            }
            """);

        Assert.Equal(["fc.weight [3, 7]"], graph.ParameterList());
    }

    [Fact]
    public void Primary_constructor_parameters_reach_initializers_and_methods()
    {
        var graph = ModelCompiler.Graph("""
            [GhnInit]
            public sealed class Net(int hidden) : Module<Tensor, Tensor>($"Net{hidden}")
            {
                private readonly Linear a = Linear(4, hidden);
                private readonly Linear b = Linear(hidden, 2);
                public Net() : this(5) { RegisterComponents(); }
                public override Tensor forward(Tensor x) => b.forward(a.forward(x).relu()) * hidden;
            }
            """);

        Assert.Equal(["a.weight [5, 4]", "a.bias [5]", "b.weight [2, 5]", "b.bias [2]"], graph.ParameterList());
        Assert.Equal(5.0, graph.Nodes[4].Attribute("scalar").AsDouble());
    }

    [Fact]
    public void Auto_properties_register_as_backing_fields_unless_renamed()
    {
        var graph = ModelCompiler.Graph("""
            [GhnInit]
            public sealed class Net : Module<Tensor, Tensor>
            {
                public Linear First { get; } = Linear(2, 3);
                [field: TorchSharp.Utils.ComponentName(Name = "second")]
                public Linear Second { get; }
                [TorchSharp.Utils.ComponentName(Name = "third")]
                private readonly Linear _third = Linear(3, 1, hasBias: false);
                public Net() : base("Net")
                {
                    Second = Linear(3, 3, false);
                    RegisterComponents();
                }
                public override Tensor forward(Tensor x) => _third.forward(Second.forward(First.forward(x)));
            }
            """);

        Assert.Equal(
            ["<First>k__BackingField.weight [3, 2]", "<First>k__BackingField.bias [3]", "second.weight [3, 3]", "third.weight [1, 3]"],
            graph.ParameterList());
    }

    [Fact]
    public void Private_fields_of_a_base_class_register_unless_a_derived_field_has_their_name()
    {
        // TorchSharp walks GetFields of the runtime type (its own fields, then inherited non-private ones), then of
        // each base type, so a base's private fields register too; a name seen before is not registered again.
        var graph = ModelCompiler.Graph("""
            public abstract class NetBase : Module<Tensor, Tensor>
            {
                private readonly Linear stem = Linear(4, 8);
                protected readonly Linear head = Linear(8, 2);
                private readonly Linear extra = Linear(8, 8, hasBias: false);
                protected NetBase() : base("NetBase") { }
                protected Tensor Stem(Tensor x) => stem.forward(x);
            }
            [GhnInit]
            public sealed class Net : NetBase
            {
                private readonly Linear extra = Linear(8, 8);
                public Net() { RegisterComponents(); }
                public override Tensor forward(Tensor x) => head.forward(extra.forward(Stem(x)));
            }
            """);

        Assert.Equal(["extra.bias [8]", "extra.weight [8, 8]", "head.bias [2]", "head.weight [2, 8]", "stem.bias [8]", "stem.weight [8, 4]"], graph.ParameterList().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_submodule_that_never_calls_RegisterComponents_is_registered_by_its_parent()
    {
        var graph = ModelCompiler.Graph("""
            public sealed class Block : Module<Tensor, Tensor>
            {
                private readonly Linear fc = Linear(4, 4);
                public Block() : base("Block") { }
                public override Tensor forward(Tensor x) => fc.forward(x);
            }
            [GhnInit]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly Block block = new();
                private readonly Sequential blocks = Sequential(new Block(), new Block());
                public Net() : base("Net") { RegisterComponents(); }
                public override Tensor forward(Tensor x) => blocks.forward(block.forward(x));
            }
            """);

        Assert.Equal(
            ["block.fc.weight [4, 4]", "block.fc.bias [4]", "blocks.0.fc.weight [4, 4]", "blocks.0.fc.bias [4]", "blocks.1.fc.weight [4, 4]", "blocks.1.fc.bias [4]"],
            graph.ParameterList());
    }

    [Fact]
    public void Const_static_readonly_arrays_loops_and_helpers_compute_the_layers()
    {
        var graph = ModelCompiler.Graph("""
            [GhnInit]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private const int Input = 2 * 4;
                private static readonly int[] Widths = [16, 32];
                private static readonly (int Width, bool Pool)[] Stages = { (Widths[0], true), (Widths[1], false) };
                private readonly Sequential body;
                public Net() : base("Net")
                {
                    var layers = new List<Module<Tensor, Tensor>>();
                    var channels = Input;
                    int i = 0;
                    while (i < Stages.Length)
                    {
                        var (width, pool) = Stages[i++];
                        layers.AddRange(Block(channels, width));
                        if (pool) layers.Add(MaxPool2d(2));
                        channels = width;
                    }
                    body = Sequential(layers);
                    RegisterComponents();
                }
                private static Module<Tensor, Tensor>[] Block(int c, int w) => [Conv2d(c, w, 3, padding: Math.Max(1, c / 100), bias: false), ReLU(inplace: true)];
                public override Tensor forward(Tensor x) => body.forward(x);
            }
            """);

        Assert.Equal(["body.0.weight [16, 8, 3, 3]", "body.3.weight [32, 16, 3, 3]"], graph.ParameterList());
        Assert.Equal(["conv2d", "relu", "max_pool2d", "conv2d", "relu"], graph.Ops());
        Assert.Equal([2, 2], graph.Nodes[3].Attribute("stride").AsInts());
    }

    [Fact]
    public void Named_sequential_module_dict_register_module_and_interpolated_names()
    {
        var graph = ModelCompiler.Graph("""
            [GhnInit]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly Sequential stem = Sequential(("conv", Conv2d(3, 4, 1)), ("act", ReLU()));
                private readonly ModuleDict<Module<Tensor, Tensor>> heads = ModuleDict<Module<Tensor, Tensor>>(("a", Linear(4, 2)), ("b", Linear(4, 3)));
                private readonly List<Linear> extras = new();
                public Net() : base("Net")
                {
                    RegisterComponents();
                    for (var i = 0; i < 2; i++)
                    {
                        extras.Add(Linear(4, 4));
                        register_module($"extra_{i}", extras[i]);
                    }
                }
                public override Tensor forward(Tensor x)
                {
                    x = stem.forward(x).mean([2L, 3L]);
                    foreach (var extra in extras)
                        x = extra.forward(x);
                    return heads["b"].forward(x);
                }
            }
            """);

        Assert.Equal(
            ["stem.conv.weight [4, 3, 1, 1]", "stem.conv.bias [4]", "extra_0.weight [4, 4]", "extra_0.bias [4]", "extra_1.weight [4, 4]", "extra_1.bias [4]", "heads.b.weight [3, 4]", "heads.b.bias [3]"],
            graph.ParameterList());
        Assert.Equal(["conv2d", "relu", "mean", "linear", "linear", "linear"], graph.Ops());
    }

    [Fact]
    public void User_modules_built_recursively_with_inheritance_and_virtual_helpers()
    {
        var graph = ModelCompiler.Graph("""
            public abstract class Block : Module<Tensor, Tensor>
            {
                protected readonly Conv2d conv;
                protected Block(int c) : base("Block") { conv = Conv2d(c, c, Kernel, padding: Padding.Same); }
                protected virtual int Kernel => 3;
            }
            public sealed class Wide : Block
            {
                private readonly BatchNorm2d bn;
                public Wide(int c) : base(c) { bn = BatchNorm2d(c, affine: false); RegisterComponents(); }
                protected override int Kernel => 5;
                public override Tensor forward(Tensor x) => F.relu(bn.forward(conv.forward(x))) + x;
            }
            [GhnInit]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly ModuleList<Block> blocks = new();
                public Net() : base("Net")
                {
                    foreach (var c in Enumerable.Repeat(8, 2)) blocks.Add(new Wide(c));
                    RegisterComponents();
                }
                public override Tensor forward(Tensor x)
                {
                    foreach (var block in blocks) x = block.forward(x);
                    return x;
                }
            }
            """);

        Assert.Equal(["blocks.0.bn.running_mean [8]", "blocks.0.bn.running_var [8]", "blocks.0.bn.num_batches_tracked []"], graph.Buffers.Take(3).Select(b => b.ToString()));
        Assert.Equal(["blocks.0.conv.weight [8, 8, 5, 5]", "blocks.0.conv.bias [8]", "blocks.1.conv.weight [8, 8, 5, 5]", "blocks.1.conv.bias [8]"], graph.ParameterList());
        Assert.Equal([2, 2], graph.Nodes[1].Attribute("padding").AsInts());
        Assert.Equal(["conv2d", "batch_norm", "relu", "add", "conv2d", "batch_norm", "relu", "add"], graph.Ops());
    }

    [Fact]
    public void Record_configuration_rows_and_switch_selected_layers()
    {
        var graph = ModelCompiler.Graph("""
            public sealed record Stage(int Channels, string Activation, int Stride = 1)
            {
                public int Doubled => Channels * 2;
            }
            [GhnInit]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private static readonly Stage[] Stages = [new(4, "RE"), new(8, "HS", Stride: 2)];
                private readonly Sequential body;
                public Net() : base("Net")
                {
                    var layers = new List<Module<Tensor, Tensor>>();
                    var channels = 3;
                    foreach (var stage in Stages)
                    {
                        layers.Add(Conv2d(channels, stage.Doubled, 3, stride: stage.Stride));
                        layers.Add(stage.Activation switch { "RE" => ReLU(), "HS" => Hardswish(), _ => throw new ArgumentException(stage.Activation) });
                        channels = stage.Doubled;
                    }
                    body = Sequential(layers);
                    RegisterComponents();
                }
                public override Tensor forward(Tensor x) => body.forward(x);
            }
            """);

        Assert.Equal(["body.0.weight [8, 3, 3, 3]", "body.0.bias [8]", "body.2.weight [16, 8, 3, 3]", "body.2.bias [16]"], graph.ParameterList());
        Assert.Equal(["conv2d", "relu", "conv2d", "hardswish"], graph.Ops());
        Assert.Equal([2, 2], graph.Nodes[3].Attribute("stride").AsInts());
    }

    [Fact]
    public void Interface_calls_dispatch_to_the_implementation_and_enum_arguments_become_attributes()
    {
        var graph = ModelCompiler.Graph("""
            public interface IActivationFactory { Module<Tensor, Tensor> Create(); }
            public sealed class TanhGelu : IActivationFactory
            {
                public Module<Tensor, Tensor> Create() => GELU(TorchSharp.Modules.GELU.Approximate.tanh);
            }
            [GhnInit]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly Module<Tensor, Tensor> act;
                public Net() : this(new TanhGelu()) { }
                private Net(IActivationFactory factory) : base("Net") { act = factory.Create(); RegisterComponents(); }
                public override Tensor forward(Tensor x) => act.forward(x);
            }
            """);

        Assert.Equal(["gelu"], graph.Ops());
        Assert.Equal("tanh", graph.Nodes[1].Attribute("approximate").AsString());
        Assert.Equal("act", graph.Nodes[1].Module);
    }

    [Fact]
    public void Containers_grow_with_append_extend_and_add()
    {
        var graph = ModelCompiler.Graph("""
            [GhnInit]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly ModuleList<Module<Tensor, Tensor>> blocks = new(Linear(2, 3));
                private readonly Sequential head = Sequential();
                public Net() : base("Net")
                {
                    blocks.append(ReLU(), Linear(3, 4));
                    blocks.extend(new List<Module<Tensor, Tensor>> { Tanh() });
                    head.append("out", Linear(4, 1));
                    RegisterComponents();
                }
                public override Tensor forward(Tensor x)
                {
                    for (var i = 0; i < blocks.Count; i++) x = blocks[i].forward(x);
                    return head.forward(x);
                }
            }
            """);

        Assert.Equal(["blocks.0.weight [3, 2]", "blocks.0.bias [3]", "blocks.2.weight [4, 3]", "blocks.2.bias [4]", "head.out.weight [1, 4]", "head.out.bias [1]"], graph.ParameterList());
        Assert.Equal(["linear", "relu", "linear", "tanh", "linear"], graph.Ops());
    }

    [Fact]
    public void Linq_with_lambdas_builds_layer_lists()
    {
        var graph = ModelCompiler.Graph("""
            [GhnInit(3)]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly Sequential body;
                public Net(int depth) : base("Net")
                {
                    var scale = 2;
                    Func<int, int> width = i => 4 << i;
                    var widths = Enumerable.Range(0, depth).Select(i => width(i) * scale).Where(w => w < 64).ToArray();
                    body = Sequential(widths.Select((w, i) => (Module<Tensor, Tensor>)Linear(i == 0 ? 1 : widths[i - 1], w)));
                    RegisterComponents();
                }
                public override Tensor forward(Tensor x) => body.forward(x);
            }
            """);

        Assert.Equal(["body.0.weight [8, 1]", "body.0.bias [8]", "body.1.weight [16, 8]", "body.1.bias [16]", "body.2.weight [32, 16]", "body.2.bias [32]"], graph.ParameterList());
    }

    [Fact]
    public void Primary_constructor_base_calls_pass_arguments_to_user_base_classes()
    {
        var graph = ModelCompiler.Graph("""
            public abstract class Block(int channels) : Module<Tensor, Tensor>("Block")
            {
                protected readonly Conv2d conv = Conv2d(channels, channels, 1);
            }
            public sealed class Wide : Block
            {
                public Wide(int channels) : base(channels * 2) { RegisterComponents(); }
                public override Tensor forward(Tensor x) => conv.forward(x);
            }
            [GhnInit]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly Wide wide;
                public Net() : base("Net") { wide = new Wide(3); RegisterComponents(); }
                public override Tensor forward(Tensor x) => wide.forward(x);
            }
            """);

        Assert.Equal(["wide.conv.weight [6, 6, 1, 1]", "wide.conv.bias [6]"], graph.ParameterList());
    }

    [Fact]
    public void Try_finally_and_formatted_interpolation_in_names()
    {
        var graph = ModelCompiler.Graph("""
            [GhnInit]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly List<Linear> stages = [];
                public Net() : base("Net")
                {
                    try
                    {
                        for (var i = 0; i < 2; i++)
                        {
                            stages.Add(Linear(2, 2));
                            register_module($"stage{i + 1:D2}", stages[i]);
                        }
                    }
                    finally
                    {
                        RegisterComponents();
                    }
                }
                public override Tensor forward(Tensor x) => stages[1].forward(stages[0].forward(x));
            }
            """);

        Assert.Equal(["stage01.weight [2, 2]", "stage01.bias [2]", "stage02.weight [2, 2]", "stage02.bias [2]"], graph.ParameterList());
    }

    [Fact]
    public void Training_machinery_tuples_LINQ_over_module_lists_and_buffers_of_matrix_math()
    {
        var graph = ModelCompiler.Graph("""
            [GhnInit]
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly ModuleList<Linear> layers = new();
                private readonly Tensor adjacency;
                private readonly torch.optim.Optimizer optimizer;
                private readonly Loss<Tensor, Tensor, Tensor> loss = CrossEntropyLoss();
                public Net() : base("Net")
                {
                    var offsets = new Dictionary<Tuple<int, int>, int>();
                    offsets[new Tuple<int, int>(1, 2)] = 3;
                    var stride = (1, 1);
                    var settings = new Settings { Extra = 1 };
                    var copy = settings.Copy();
                    settings.Extra = 5;
                    var width = offsets[Tuple.Create(1, 2)] + (stride == (1, 1) ? copy.Extra : 0);
                    layers.Add(Linear(width, width).to(torch.CPU));
                    layers.Add(Linear(width, 2));
                    var a = torch.zeros(width, width);
                    a[0, 1] = 1.0f;
                    a += torch.eye(width);
                    var d = torch.diag(a.sum(dim: 1).pow(-0.5));
                    adjacency = d.mm(a).mm(d);
                    RegisterComponents();
                    optimizer = torch.optim.Adam(parameters(), lr: 0.01);
                }
                public override Tensor forward(Tensor x) =>
                    layers.Skip(1).First().forward(layers.First().forward(x).matmul(adjacency));
            }

            public sealed class Settings
            {
                public int Extra { get; set; }
                public Settings Copy() => (Settings)MemberwiseClone();
            }
            """);

        Assert.Equal(["layers.0.weight [4, 4]", "layers.0.bias [4]", "layers.1.weight [2, 4]", "layers.1.bias [2]"], graph.ParameterList());
        Assert.Equal(["adjacency [4, 4]"], graph.Buffers.Select(b => b.ToString()));
    }
}
