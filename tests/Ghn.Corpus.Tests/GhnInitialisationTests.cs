using Ghn.Corpus;
using Ghn.Graphs;
using TorchSharp;
using static TorchSharp.torch;

namespace Ghn.Corpus.Tests;

/// <summary>End to end on real models: extract, predict with a GHN-3, apply into the TorchSharp model, run it.</summary>
public sealed class GhnInitialisationTests
{
    private static readonly Lazy<GraphHyperNetwork> Ghn = new(() => GraphHyperNetwork.Load(ParityFixtureDirectory.RandomGhnCheckpoint, GhnDevice.Cpu));

    public static TheoryData<string> Models => new(CorpusModels.All.Select(m => m.Name));

    [Theory]
    [MemberData(nameof(Models))]
    public void Predicted_parameters_set_every_parameter_and_the_model_runs(string name)
    {
        var corpusModel = CorpusModels.All.Single(m => m.Name == name);
        var graph = CorpusExtraction.Graph(corpusModel);
        using var scope = NewDisposeScope();
        using var model = corpusModel.Create();
        var predicted = Ghn.Value.Predict(graph.ToPrimitiveGraph());
        // Every parameter but recurrent weights and those forward reads directly (a class token) is predicted.
        var unpredicted = graph.Parameters.Except(graph.PredictedParameters).Select(p => p.Name).ToHashSet();
        var kept = new Dictionary<string, Tensor>();
        using (no_grad())
        {
            // NaN everywhere first, so that a parameter Apply leaves alone cannot pass for a predicted one.
            foreach (var (parameterName, parameter) in model.named_parameters())
            {
                if (unpredicted.Contains(parameterName))
                {
                    kept[parameterName] = parameter.clone();
                }
                else
                {
                    parameter.fill_(double.NaN);
                }
            }
        }

        Ghn.Value.Apply(model, graph);

        foreach (var (parameterName, parameter) in model.named_parameters())
        {
            if (kept.TryGetValue(parameterName, out var original))
            {
                Assert.False(predicted.ContainsKey(parameterName), $"{parameterName} is read directly in forward but was predicted");
                Assert.True(parameter.eq(original).all().item<bool>(), $"{parameterName} changed although it is not predicted");
                continue;
            }

            Assert.True(predicted.ContainsKey(parameterName), $"{parameterName} was not predicted");
            Assert.True(parameter.isfinite().all().item<bool>(), $"{parameterName} is not finite after Apply");
            Assert.True(parameter.eq(predicted[parameterName]).all().item<bool>(), $"{parameterName} differs from the prediction");
        }

        model.eval();
        var output = CorpusModel.Run(model, corpusModel.Inputs(2))[0];

        Assert.Equal([2L, 10], output.shape);
        Assert.True(output.isfinite().all().item<bool>(), $"{name} gives non-finite outputs with predicted parameters");
    }
}
