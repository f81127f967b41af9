using System.Reflection;
using static TorchSharp.torch;

namespace Ghn.Corpus;

/// <summary>One model of the corpus and how to run it.</summary>
/// <param name="Name">Short name used in test output.</param>
/// <param name="ModelType">The <c>[GhnInit]</c> module class.</param>
/// <param name="InputShape">Shape of one input sample (channels, height, width), without the batch dimension.</param>
/// <param name="FixtureGraph">Name of the reference primitive graph in the reference parity fixtures (<c>graphs/&lt;name&gt;.json</c>), or null.</param>
/// <param name="Vocabulary">For a model of token ids (a language model), the number of tokens; 0 for a model of images.</param>
/// <param name="MakeInputs">For a model whose forward takes several tensors, its inputs for a batch size; null for one input.</param>
/// <param name="BranchesOnTraining">Whether forward branches on the training flag: its graph is that of evaluation mode (GHN040).</param>
public sealed record CorpusModel(string Name, Type ModelType, long[] InputShape, string? FixtureGraph = null, int Vocabulary = 0, Func<long, Tensor[]>? MakeInputs = null, bool BranchesOnTraining = false)
{
    /// <summary>A random input batch: images from a normal distribution, or token ids.</summary>
    public Tensor Input(long batch) =>
        Vocabulary > 0 ? randint(0, Vocabulary, [batch, .. InputShape], ScalarType.Int64) : randn([batch, .. InputShape]);

    /// <summary>Every input of forward for a batch: <see cref="Input"/>, or what <see cref="MakeInputs"/> makes.</summary>
    public Tensor[] Inputs(long batch) => MakeInputs?.Invoke(batch) ?? [Input(batch)];

    /// <summary>The file under <c>Models/</c> that declares <see cref="ModelType"/>.</summary>
    public string SourceFile => $"{ModelType.Name}.cs";

    /// <summary>
    /// Instantiates the model the way extraction sees it: with the <c>[GhnInit(...)]</c> arguments, the remaining
    /// constructor parameters taking their defaults.
    /// </summary>
    public nn.Module Create()
    {
        var arguments = ModelType.GetCustomAttribute<GhnInitAttribute>()?.ConstructorArguments
            ?? throw new InvalidOperationException($"{ModelType.Name} has no [GhnInit] attribute.");
        var constructor = ModelType.GetConstructors().FirstOrDefault(c => Accepts(c, arguments.Count))
            ?? throw new InvalidOperationException($"{ModelType.Name} has no public constructor taking {arguments.Count} arguments and defaults for the rest.");
        var values = constructor.GetParameters()
            .Select((p, i) => i < arguments.Count ? arguments[i] : p.DefaultValue)
            .ToArray();
        var model = (nn.Module)constructor.Invoke(values);
        InitialiseGroupNorms(model);
        return model;
    }

    /// <summary>
    /// TorchSharp 0.107's <c>nn.GroupNorm</c> leaves its weight and bias uninitialised (whatever the allocator
    /// returns, NaN at times); they get PyTorch's ones and zeros so that runs of the model are finite and repeatable.
    /// </summary>
    private static void InitialiseGroupNorms(nn.Module model)
    {
        using var noGrad = no_grad();
        foreach (var (_, module) in model.named_modules())
        {
            if (module is TorchSharp.Modules.GroupNorm { weight: { } weight, bias: { } bias })
            {
                weight.fill_(1);
                bias.zero_();
            }
        }
    }

    /// <summary>Runs the model's forward on <paramref name="inputs"/>: its output, or the tensors of the tuple it returns, in order.</summary>
    public static Tensor[] Run(nn.Module model, params Tensor[] inputs)
    {
        var forward = model.GetType().GetMethod("forward", [.. inputs.Select(_ => typeof(Tensor))])
            ?? throw new InvalidOperationException($"{model.GetType().Name} has no forward taking {inputs.Length} tensor(s).");
        return [.. Flatten(forward.Invoke(model, inputs))];
    }

    private static IEnumerable<Tensor> Flatten(object? result) => result switch
    {
        Tensor tensor => [tensor],
        System.Runtime.CompilerServices.ITuple tuple => Enumerable.Range(0, tuple.Length).SelectMany(i => Flatten(tuple[i])),
        _ => throw new InvalidOperationException($"forward returned {result?.GetType().Name ?? "null"}, not tensors."),
    };

    /// <inheritdoc />
    public override string ToString() => Name;

    private static bool Accepts(ConstructorInfo constructor, int argumentCount)
    {
        var parameters = constructor.GetParameters();
        return parameters.Length >= argumentCount && parameters.Skip(argumentCount).All(p => p.HasDefaultValue);
    }
}
