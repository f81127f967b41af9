using Ghn.Extraction.Interpreter;
using Ghn.Extraction.Values;

namespace Ghn.Extraction.Modules;

/// <summary>
/// <c>torch.nn.init</c>: its functions change a tensor's values in place and return it, which leaves the graph as it
/// is; <c>calculate_gain</c> is computed, since code may pass it on.
/// </summary>
internal static class WeightInit
{
    public static object? Call(Arguments a)
    {
        if (a.Method.Name != "calculate_gain")
        {
            return a.Count > 0 ? a[0] : null;
        }

        var slope = a.Count > 1 && Numeric.IsNumber(a[1]) ? Numeric.ToDouble(a[1]!) : 0.01;
        // PyTorch's table (torch.nn.init.calculate_gain), which TorchSharp follows.
        return a[0] is EnumValue nonlinearity
            ? nonlinearity.ToString() switch
            {
                "Tanh" => 5.0 / 3,
                "ReLU" => Math.Sqrt(2.0),
                "LeakyReLU" => Math.Sqrt(2.0 / (1 + (slope * slope))),
                "SELU" => 3.0 / 4,
                _ => 1.0,
            }
            : throw new ExtractionException(ExtractionDiagnostics.UnsupportedTorchApi, a.Call, a.Method.ToDisplayString());
    }
}
