namespace Ghn.Training;

/// <summary>
/// Derives the seed of draw number <c>index</c> from a base seed, so that any draw of a seeded sequence can be
/// reproduced on its own (samplers resume by position instead of replaying their history).
/// </summary>
internal static class SeedMixing
{
    /// <summary>Mixes <paramref name="seed"/> and <paramref name="index"/> with SplitMix64's finaliser, so neighbouring draws are unrelated.</summary>
    public static int Mix(int seed, long index)
    {
        var z = ((ulong)(uint)seed << 32) ^ (ulong)index;
        z += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }
}
