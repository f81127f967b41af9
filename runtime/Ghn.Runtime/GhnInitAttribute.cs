namespace Ghn;

/// <summary>
/// Marks a <c>partial</c> TorchSharp module class whose parameters Ghn.Build predicts at build time.
/// The constructor arguments, if any, are the arguments the model is constructed with for extraction;
/// without them the constructor's parameter defaults are used.
/// </summary>
/// <example>
/// <code>
/// [GhnInit(10)]
/// public sealed partial class MyNet(int classes = 10) : Module&lt;Tensor, Tensor&gt;("MyNet") { ... }
///
/// var model = new MyNet(10).ApplyGhnInit();
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class GhnInitAttribute : Attribute
{
    /// <summary>Uses the constructor's parameter defaults.</summary>
    public GhnInitAttribute()
    {
        ConstructorArguments = [];
    }

    /// <summary>Uses <paramref name="constructorArguments"/> as the model's constructor arguments.</summary>
    public GhnInitAttribute(params object[] constructorArguments)
    {
        ConstructorArguments = constructorArguments;
    }

    /// <summary>The constructor arguments the model is extracted with.</summary>
    public IReadOnlyList<object> ConstructorArguments { get; }

    /// <summary>
    /// The shape of one input sample, without the batch dimension (for example <c>new[] { 1, 28, 28 }</c>). With it
    /// every size in forward is known at build time, so shape arithmetic (<c>C / heads</c>) and guards on sizes
    /// (<c>x.shape[1] == 8</c>) evaluate exactly and a layer that does not fit its input is reported by the build.
    /// Without it, sizes of the input stay unknown and code that needs them gets a diagnostic. For an input whose batch
    /// is not the first dimension, write -1 where it is (a sequence-first <c>new[] { 35, -1 }</c>).
    /// </summary>
    public int[]? InputShape { get; set; }
}
