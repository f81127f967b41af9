using Ghn.Extraction;
using Ghn.Graphs;
using TorchSharp;
using static TorchSharp.torch;

namespace Ghn.Corpus.Tests;

/// <summary>
/// Extraction is exact: for every corpus model the graph extracted from its source names and shapes the same
/// tensors as the instantiated TorchSharp model, computes the same function, and for the fixture models is the
/// graph the reference GHN-3 builds.
/// </summary>
public sealed class CorpusExtractionTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Models => new(CorpusModels.All.Select(m => m.Name));

    public static TheoryData<string> FixtureModels => new(CorpusModels.All.Where(m => m.FixtureGraph is not null).Select(m => m.Name));

    [Theory]
    [MemberData(nameof(Models))]
    public void Extracted_parameters_and_buffers_are_those_of_the_instantiated_model(string name)
    {
        var model = CorpusModels.Get(name);
        var graph = CorpusExtraction.Graph(model);
        using var scope = NewDisposeScope();
        using var module = model.Create();

        // As sets: TorchSharp lists a module's own tensors (a class token) before its children's, the graph in forward order.
        Assert.Equal(
            module.named_parameters().Select(p => Describe(p.name, p.parameter)).Order(StringComparer.Ordinal),
            graph.Parameters.Select(p => p.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(
            module.named_buffers().Select(b => Describe(b.name, b.buffer)).Order(StringComparer.Ordinal),
            graph.Buffers.Select(b => b.ToString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Executing_the_graph_in_evaluation_mode_reproduces_the_model(string name)
    {
        var model = CorpusModels.Get(name);
        var executor = new GraphExecutor(CorpusExtraction.Graph(model));
        using var scope = NewDisposeScope();
        using var module = model.Create();
        RandomiseRunningStatistics(module);
        module.eval();
        var x = model.Inputs(4);

        using var noGrad = no_grad();
        AssertAllClose(CorpusModel.Run(module, x), executor.ForwardAll(x, Tensors(module), training: false));
    }

    /// <summary>Models whose forward does not branch on the training flag: their one graph serves both modes.</summary>
    public static TheoryData<string> TrainingModeModels => new(CorpusModels.All.Where(m => !m.BranchesOnTraining).Select(m => m.Name));

    [Theory]
    [MemberData(nameof(Models))]
    public void A_branch_on_the_training_flag_is_reported_as_following_evaluation_mode(string name)
    {
        var model = CorpusModels.Get(name);

        var reported = CorpusExtraction.Result(model).Diagnostics.Any(d => d.Id == ExtractionDiagnostics.EvaluationModeBranch.Id);

        Assert.Equal(model.BranchesOnTraining, reported);
    }

    [Theory]
    [MemberData(nameof(TrainingModeModels))]
    public void Executing_the_graph_in_training_mode_reproduces_the_model_and_its_running_statistics(string name)
    {
        var model = CorpusModels.Get(name);
        var executor = new GraphExecutor(CorpusExtraction.Graph(model));
        using var scope = NewDisposeScope();
        using var module = model.Create();
        module.train();
        var x = model.Inputs(4);
        // The executor updates copies of the buffers; the module then updates its own from the same start.
        var tensors = Tensors(module);
        foreach (var (buffer, _) in module.named_buffers())
        {
            tensors[buffer] = tensors[buffer].clone();
        }

        // Dropout draws its masks in forward order in both, so equal seeds give equal masks.
        manual_seed(1234);
        var actual = executor.ForwardAll(x, tensors, training: true);
        manual_seed(1234);
        var expected = CorpusModel.Run(module, x);

        AssertAllClose(expected, actual);
        foreach (var (buffer, value) in module.named_buffers())
        {
            AssertClose(value, tensors[buffer], buffer);
        }
    }

    [Theory]
    [MemberData(nameof(FixtureModels))]
    public void The_primitive_graph_is_isomorphic_to_the_reference_GHN3_graph(string name)
    {
        var model = CorpusModels.Get(name);
        var extracted = CorpusExtraction.Graph(model).ToPrimitiveGraph();
        var reference = ParityFixtureDirectory.Graph(model.FixtureGraph!);

        var difference = PrimitiveGraphIsomorphism.FindDifference(reference, extracted);

        Assert.True(difference is null, $"{model.ModelType.Name} vs graphs/{model.FixtureGraph}.json: {difference}\nExtracted primitive graph:\n{extracted.ToJson()}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void The_primitive_graph_has_a_node_per_predicted_tensor_and_at_most_one_classifier(string name)
    {
        var graph = CorpusExtraction.Graph(CorpusModels.Get(name));
        var primitive = graph.ToPrimitiveGraph();
        // As in the reference, normalisation biases are predicted with their weight's node, not as nodes of their own.
        var normBiases = graph.Nodes
            .Where(n => n.Kind is OpKind.BatchNorm or OpKind.LayerNorm or OpKind.GroupNorm or OpKind.InstanceNorm)
            .SelectMany(n => n.Parameters.Where(p => p.Role == "bias"));
        var predicted = graph.PredictedParameters.Except(normBiases).Select(p => p.Name);

        Assert.Equal(predicted.Order(), primitive.Nodes.Where(n => n.Param is not null).Select(n => n.Param!).Order());
        // At most one classifier, on parameter nodes; a result straight from a linear layer with its own weight has one.
        var flagged = primitive.Nodes.Where(n => n.Classifier != ClassifierRole.None).ToList();
        Assert.All(flagged, n => Assert.NotNull(n.Param));
        Assert.True(flagged.Count(n => n.Classifier == ClassifierRole.Weight) <= 1);
        var last = graph.Nodes[graph.Output.Inputs[0]];
        if (last.Kind == OpKind.Linear && last.FindParameter("weight") is { } weight && !graph.Nodes.Take(last.Id).Any(n => n.Parameters.Contains(weight)))
        {
            Assert.Equal(weight.Name, Assert.Single(flagged, n => n.Classifier == ClassifierRole.Weight).Param);
        }
    }

    private static string Describe(string name, Tensor tensor) => new TensorSpec(name, tensor.shape.Select(d => (int)d)).ToString();

    private static Dictionary<string, Tensor> Tensors(nn.Module module)
    {
        var tensors = module.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        foreach (var (name, buffer) in module.named_buffers())
        {
            tensors.Add(name, buffer);
        }

        return tensors;
    }

    /// <summary>Fresh running statistics (mean 0, variance 1) would hide a graph that skipped or misplaced a BatchNorm in evaluation mode.</summary>
    private static void RandomiseRunningStatistics(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var (name, buffer) in module.named_buffers())
        {
            if (name.EndsWith(".running_mean", StringComparison.Ordinal))
            {
                buffer.uniform_(-0.5, 0.5);
            }
            else if (name.EndsWith(".running_var", StringComparison.Ordinal))
            {
                buffer.uniform_(0.5, 2.0);
            }
        }
    }

    private static void AssertAllClose(Tensor[] expected, Tensor[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            AssertClose(expected[i], actual[i], expected.Length == 1 ? "output" : $"output {i}");
        }
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what = "output")
    {
        Assert.Equal(expected.shape, actual.shape);
        // Equal values (a mask's infinities included) differ by nothing; NaN anywhere else fails.
        var (want, got) = (expected.to_type(ScalarType.Float64), actual.to_type(ScalarType.Float64));
        var difference = (want - got).abs().masked_fill(want.eq(got), 0).max().item<double>();
        Assert.True(difference <= Tolerance, $"{what}: max |model - graph| = {difference:g3}, more than {Tolerance:g1}");
    }
}
