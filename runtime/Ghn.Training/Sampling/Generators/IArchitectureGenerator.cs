using Ghn.Training.Sampling.Building;

namespace Ghn.Training.Sampling.Generators;

/// <summary>One architecture style: builds a random network of that style and returns its logits.</summary>
internal interface IArchitectureGenerator
{
    /// <summary>The style's name, e.g. <c>resnet</c>.</summary>
    string Name { get; }

    /// <summary>Builds one network into <see cref="SamplingContext.Builder"/>, drawing every choice from <see cref="SamplingContext.Random"/>.</summary>
    Feature Build(SamplingContext context);
}
