namespace Ghn.Build.Tests.Infrastructure;

/// <summary>The C# a test writes into the consumer project: [GhnInit] models and small programs that exercise them.</summary>
internal static class ConsumerSources
{
    public const string Cnn = "Consumer.SmallCnn";
    public const string Mlp = "Consumer.Mlp";

    /// <summary>Two models; <paramref name="cnnWidth"/> sets the CNN's channel count, <paramref name="comment"/> only a comment.</summary>
    public static string Models(int cnnWidth = 8, string comment = "first version") => $$"""
        using TorchSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;

        namespace Consumer;

        // {{comment}}
        [Ghn.GhnInit]
        public partial class SmallCnn : nn.Module<Tensor, Tensor>
        {
            private const int Width = {{cnnWidth}};
            private readonly Conv2d conv1 = nn.Conv2d(1, Width, 3, padding: 1);
            private readonly BatchNorm2d bn1 = nn.BatchNorm2d(Width);
            private readonly Linear fc = nn.Linear(Width * 14 * 14, 10);

            public SmallCnn() : base(nameof(SmallCnn)) => RegisterComponents();

            public override Tensor forward(Tensor x)
            {
                x = nn.functional.max_pool2d(nn.functional.relu(bn1.forward(conv1.forward(x))), 2);
                return fc.forward(x.flatten(1));
            }
        }

        [Ghn.GhnInit]
        public partial class Mlp : nn.Module<Tensor, Tensor>
        {
            private readonly Sequential layers = nn.Sequential(
                nn.Flatten(),
                nn.Linear(28 * 28, 64),
                nn.ReLU(),
                nn.Linear(64, 10));

            // An auxiliary head forward never calls: not predicted, it keeps TorchSharp's initialisation.
            private readonly Linear aux = nn.Linear(64, 2);

            public Mlp() : base(nameof(Mlp)) => RegisterComponents();

            public override Tensor forward(Tensor x) => layers.forward(x);
        }
        """;

    /// <summary>A model the extractor cannot handle: its forward takes a cumulative sum, which is not a supported operation.</summary>
    public const string UnsupportedModel = """
        using TorchSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;

        namespace Consumer;

        [Ghn.GhnInit]
        public partial class Unsupported : nn.Module<Tensor, Tensor>
        {
            private readonly Linear fc = nn.Linear(10, 10);

            public Unsupported() : base(nameof(Unsupported)) => RegisterComponents();

            public override Tensor forward(Tensor x) => fc.forward(x.cumsum(1));
        }
        """;

    /// <summary>
    /// Applies the embedded weights to both models and writes, per model, the primitive graph compiled into the assembly
    /// and the model's parameters afterwards, to the folder given as the first argument; prints the manifest resources.
    /// </summary>
    public const string DumpingProgram = """
        using Ghn.Checkpoints;
        using static TorchSharp.torch;

        var output = args[0];
        Dump(new Consumer.SmallCnn().ApplyGhnInit(), Consumer.SmallCnn.GhnArchitecture, "Consumer.SmallCnn");
        Dump(new Consumer.Mlp().ApplyGhnInit(), Consumer.Mlp.GhnArchitecture, "Consumer.Mlp");
        Console.WriteLine("resources: " + string.Join(";", typeof(Consumer.Mlp).Assembly.GetManifestResourceNames().Order(StringComparer.Ordinal)));

        void Dump(nn.Module model, Ghn.Graphs.ArchitectureGraph graph, string name)
        {
            File.WriteAllText(Path.Combine(output, name + ".graph.json"), graph.ToPrimitiveGraph().ToJson());
            SafetensorsFile.Write(Path.Combine(output, name + ".params.safetensors"), model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter));
        }
        """;

    /// <summary>Calls ApplyGhnInit() on the model named by the first argument and prints what happened.</summary>
    public const string ApplyingProgram = """
        try
        {
            _ = args[0] switch
            {
                "Consumer.SmallCnn" => (object)new Consumer.SmallCnn().ApplyGhnInit(),
                "Consumer.Mlp" => new Consumer.Mlp().ApplyGhnInit(),
                _ => throw new ArgumentException(args[0]),
            };
            Console.WriteLine("applied");
        }
        catch (InvalidOperationException exception)
        {
            Console.WriteLine("ApplyGhnInit threw: " + exception.Message);
        }
        """;
}
