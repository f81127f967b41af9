namespace Ghn.Runtime.Tests;

/// <summary>The GHN-3 set of the reference parity data (see <see cref="Ghn.Tests.ParityFixtureDirectory"/>).</summary>
internal static class ParityFixtures
{
    /// <summary>
    /// The fixture graphs predicted from the reference's own graph files. vit_tiny's file records its position
    /// embedding only in the reference's 4-D view, without the number of positions; the corpus tests predict it from
    /// the extracted TorchSharp port.
    /// </summary>
    public static readonly string[] Models = ["tiny_cnn", "residual_block", "mixed", "resnet18_narrow"];

    public static string PtCheckpoint => Path.Combine(Ghn.Tests.ParityFixtureDirectory.Ghn3Directory, "ghn3-random.pt");
}
