namespace Ghn.Corpus.Tests;

/// <summary>
/// Tests that seed LibTorch's global generator and compare the draws that follow run alone: a test running in
/// parallel could otherwise draw from the generator between the seed and the draws.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalRandomState
{
    public const string Name = "Global random state";
}
