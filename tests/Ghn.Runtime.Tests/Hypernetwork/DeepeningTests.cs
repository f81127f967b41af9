using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Hypernetwork;

/// <summary>
/// A GHN-3 started from one of fewer Graphormer layers (<see cref="GraphHyperNetwork.CopyMatchingWeights"/>): the
/// added layers start as the identity, so the deeper GHN predicts what the shallower one does until it is trained.
/// </summary>
public sealed class DeepeningTests : IDisposable
{
    private readonly IDisposable _scope = NewDisposeScope();
    private readonly GraphHyperNetwork _shallow = new(new GhnConfig(32, 2, 4, [64, 64, 7, 7], 10), GhnDevice.Cpu);
    private readonly GraphHyperNetwork _deep = new(new GhnConfig(32, 4, 4, [64, 64, 7, 7], 10), GhnDevice.Cpu);

    public void Dispose()
    {
        _shallow.Dispose();
        _deep.Dispose();
        _scope.Dispose();
    }

    [Fact]
    public void A_deeper_GHN_predicts_what_the_shallower_one_does()
    {
        var graph = PredictionTests.StemAndClassifier(channels: 48, classes: 10);
        var before = _deep.Predict(graph);

        var (copied, total) = _deep.CopyMatchingWeights(_shallow);

        Assert.Equal(_shallow.state_dict().Count, copied);
        Assert.True(copied < total, "the added layers' tensors are not in the shallower GHN");
        var shallow = _shallow.Predict(graph);
        ParityComparison.AssertClose(shallow, _deep.Predict(graph));
        Assert.Contains(before, p => !p.Value.allclose(shallow[p.Key], rtol: 1e-3, atol: 1e-5));
    }

    [Fact]
    public void The_added_layers_learn()
    {
        _deep.CopyMatchingWeights(_shallow);
        _deep.train();
        var predicted = _deep.PredictDifferentiable([PredictionTests.StemAndClassifier(channels: 48, classes: 10)])[0];

        predicted.Values.Select(p => p.square().sum()).Aggregate((a, b) => a + b).backward();

        var addedOutput = _deep.named_parameters().Single(p => p.name == "gnn.3.attn.to_out.0.weight").parameter;
        Assert.True(addedOutput.grad!.abs().sum().item<float>() > 0, "the zeroed output layer of an added layer gets a gradient");
    }
}
