using Ghn.Tests;
using Xunit.Abstractions;

namespace Ghn.Runtime.Tests.Hypernetwork;

/// <summary>Predictions equal the reference GHN-3's on the four fixture graphs.</summary>
public sealed class ParityTests(ITestOutputHelper output)
{
    public static TheoryData<string> Models => new(ParityFixtures.Models);

    [Theory]
    [MemberData(nameof(Models))]
    public void PredictionsMatchTheReference(string model)
    {
        using var ghn = GraphHyperNetwork.Load(ParityFixtureDirectory.RandomGhnCheckpoint, GhnDevice.Cpu);
        using var expected = ParityFixtures.Expected(model);
        var predicted = ghn.Predict(ParityFixtureDirectory.Graph(model));
        try
        {
            var worst = ParityFixtures.AssertClose(expected.Tensors, predicted);
            output.WriteLine($"{model}: {predicted.Count} tensors, max |diff| = {worst:g3}");
        }
        finally
        {
            foreach (var tensor in predicted.Values)
            {
                tensor.Dispose();
            }
        }
    }
}
