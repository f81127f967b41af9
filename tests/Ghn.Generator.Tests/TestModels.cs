namespace Ghn.Generator.Tests;

/// <summary>Model sources the tests compile; each is a complete file.</summary>
internal static class TestModels
{
    public const string Usings = """
        using Ghn;
        using TorchSharp;
        using static TorchSharp.torch;
        using static TorchSharp.torch.nn;

        """;

    /// <summary>A two-layer perceptron in a file-scoped namespace.</summary>
    public const string Mlp = Usings + """
        namespace Models.Vision;

        /// <summary>A two-layer perceptron.</summary>
        [GhnInit]
        public sealed partial class Mlp : Module<Tensor, Tensor>
        {
            private readonly Module<Tensor, Tensor> fc1 = Linear(784, 128);
            private readonly Module<Tensor, Tensor> fc2 = Linear(128, 10);

            /// <summary>Creates the model.</summary>
            public Mlp() : base(nameof(Mlp)) => RegisterComponents();

            /// <inheritdoc />
            public override Tensor forward(Tensor input) => fc2.forward(functional.relu(fc1.forward(input)));
        }
        """;

    /// <summary><see cref="Mlp"/> with a narrower hidden layer: a change that alters the graph.</summary>
    public static readonly string MlpNarrower = Mlp.Replace("Linear(784, 128)", "Linear(784, 64)").Replace("Linear(128, 10)", "Linear(64, 10)");

    /// <summary>An internal model in the global namespace, written in C# 8 (block-bodied, no newer syntax).</summary>
    public const string GlobalTinyNet = Usings + """
        /// <summary>A linear classifier.</summary>
        [GhnInit]
        internal sealed partial class TinyNet : Module<Tensor, Tensor>
        {
            private readonly Module<Tensor, Tensor> fc;

            /// <summary>Creates the model.</summary>
            public TinyNet() : base("TinyNet")
            {
                fc = Linear(16, 4);
                RegisterComponents();
            }

            /// <inheritdoc />
            public override Tensor forward(Tensor input)
            {
                return fc.forward(input);
            }
        }
        """;

    /// <summary>A model nested two levels deep in partial types.</summary>
    public const string Nested = Usings + """
        namespace Zoo
        {
            /// <summary>Model families.</summary>
            public static partial class Families
            {
                /// <summary>Convolutional models.</summary>
                internal partial class Convolutional
                {
                    /// <summary>A small convolutional network.</summary>
                    [GhnInit]
                    public sealed partial class SmallConvNet : Module<Tensor, Tensor>
                    {
                        private readonly Module<Tensor, Tensor> conv = Conv2d(3, 8, 3);
                        private readonly Module<Tensor, Tensor> pool = AdaptiveAvgPool2d(1);
                        private readonly Module<Tensor, Tensor> fc = Linear(8, 10);

                        /// <summary>Creates the model.</summary>
                        public SmallConvNet() : base(nameof(SmallConvNet)) => RegisterComponents();

                        /// <inheritdoc />
                        public override Tensor forward(Tensor input) =>
                            fc.forward(pool.forward(conv.forward(input).relu()).flatten(1));
                    }
                }
            }
        }
        """;

    /// <summary>A model whose <c>forward</c> reads a tensor's runtime data, which no compile-time extractor can follow.</summary>
    public const string Unsupported = Usings + """
        namespace Models;

        /// <summary>A model with a data-dependent branch.</summary>
        [GhnInit]
        public sealed partial class DataDependent : Module<Tensor, Tensor>
        {
            private readonly Module<Tensor, Tensor> fc = Linear(8, 8);

            /// <summary>Creates the model.</summary>
            public DataDependent() : base(nameof(DataDependent)) => RegisterComponents();

            /// <inheritdoc />
            public override Tensor forward(Tensor input) =>
                input.sum().item<float>() > 0 ? fc.forward(input) : input;
        }
        """;
}
