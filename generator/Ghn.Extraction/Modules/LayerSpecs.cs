using Ghn.Extraction.Interpreter;
using Ghn.Extraction.Values;
using Ghn.Graphs;

namespace Ghn.Extraction.Modules;

/// <summary>
/// How each TorchSharp layer maps its arguments to an op: attribute values, parameter and buffer shapes.
/// Argument names are TorchSharp 0.107's; the module factories (<c>nn.Conv2d</c>) and the functional forms
/// (<c>functional.max_pool2d</c>) share these descriptions. Omitted arguments arrive with the defaults
/// declared on the TorchSharp method; only the meaning TorchSharp gives a null size (for example "stride
/// defaults to the kernel") is spelled out here.
/// </summary>
internal static class LayerSpecs
{
    private static readonly int[] Zeros2 = [0, 0];
    private static readonly int[] Ones2 = [1, 1];

    public static LayerSpec Conv2d(Arguments a)
    {
        var inChannels = a.Int("in_channels");
        var outChannels = a.Int("out_channels");
        var kernel = a.Ints("kernel_size", 2);
        var stride = a.Ints("stride", 2, Ones2);
        var dilation = a.Ints("dilation", 2, Ones2);
        var groups = a.Int("groups");
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw a.Invalid("groups", $"{groups}", $"groups must divide in_channels ({inChannels}) and out_channels ({outChannels})");
        }

        if (inChannels < 1 || outChannels < 1)
        {
            throw a.Invalid(inChannels < 1 ? "in_channels" : "out_channels", "not positive", "pass a positive channel count");
        }

        var paddingMode = a.EnumMember("padding_mode");
        if (paddingMode != "Zeros")
        {
            throw new ExtractionException(ExtractionDiagnostics.UnsupportedPaddingMode, a.SyntaxOf("padding_mode"), paddingMode);
        }

        var padding = a.Value("padding") is Values.EnumValue mode
            ? PaddingFor(mode.ToString(), kernel, dilation, stride, a)
            : a.Ints("padding", 2, Zeros2);
        var spec = new LayerSpec(OpKind.Conv2d)
            .With("kernel", kernel).With("stride", stride).With("padding", padding).With("dilation", dilation).With("groups", groups)
            .Parameter("weight", outChannels, inChannels / groups, kernel[0], kernel[1]);
        return a.Bool("bias") ? spec.Parameter("bias", outChannels) : spec;
    }

    public static LayerSpec Linear(Arguments a)
    {
        if (!a.Has("inputSize"))
        {
            throw new ExtractionException(ExtractionDiagnostics.TensorInConstructor, a.Call, "Linear(weight, bias)");
        }

        var inputs = a.Int("inputSize");
        var outputs = a.Int("outputSize");
        var spec = new LayerSpec(OpKind.Linear).Parameter("weight", outputs, inputs);
        return a.Bool("hasBias") ? spec.Parameter("bias", outputs) : spec;
    }

    public static LayerSpec BatchNorm(Arguments a) => RunningStatisticsNorm(OpKind.BatchNorm, a);

    public static LayerSpec InstanceNorm(Arguments a) => RunningStatisticsNorm(OpKind.InstanceNorm, a);

    /// <summary>BatchNorm and InstanceNorm: the same arguments, parameters and buffers.</summary>
    private static LayerSpec RunningStatisticsNorm(OpKind kind, Arguments a)
    {
        var features = a.Int("num_features");
        var spec = new LayerSpec(kind).With("eps", a.Double("eps")).With("momentum", a.Double("momentum"));
        if (a.Bool("affine"))
        {
            spec.Parameter("weight", features).Parameter("bias", features);
        }

        return a.Bool("track_running_stats")
            ? spec.Buffer("running_mean", features).Buffer("running_var", features).Buffer("num_batches_tracked")
            : spec;
    }

    public static LayerSpec LayerNorm(Arguments a)
    {
        var shape = a.IntList("normalized_shape");
        var spec = new LayerSpec(OpKind.LayerNorm).With("normalized_shape", shape).With("eps", a.Double("eps"));
        if (a.Bool("elementwise_affine"))
        {
            spec.Parameter("weight", shape);
            if (a.Bool("bias"))
            {
                spec.Parameter("bias", shape);
            }
        }

        return spec;
    }

    public static LayerSpec MaxPool2d(Arguments a)
    {
        var kernel = a.Ints("kernel_size", 2);
        return new LayerSpec(OpKind.MaxPool2d)
            .With("kernel", kernel)
            .With("stride", a.Ints(a.Has("strides") ? "strides" : "stride", 2, kernel))
            .With("padding", a.Ints("padding", 2, Zeros2))
            .With("dilation", a.Ints("dilation", 2, Ones2))
            .With("ceil_mode", a.Bool("ceil_mode"));
    }

    public static LayerSpec AvgPool2d(Arguments a)
    {
        if (a.Value("divisor_override") is not null)
        {
            throw a.Invalid("divisor_override", "set", "omit divisor_override (it is not supported)");
        }

        var kernel = a.Ints("kernel_size", 2);
        return new LayerSpec(OpKind.AvgPool2d)
            .With("kernel", kernel)
            .With("stride", a.Ints("stride", 2, kernel))
            .With("padding", a.Ints("padding", 2, Zeros2))
            .With("ceil_mode", a.Bool("ceil_mode"))
            .With("count_include_pad", a.Bool("count_include_pad"));
    }

    public static LayerSpec AdaptiveAvgPool2d(Arguments a) =>
        new LayerSpec(OpKind.AdaptiveAvgPool2d).With("output_size", a.Ints("output_size", 2));

    public static LayerSpec Flatten(Arguments a) =>
        new LayerSpec(OpKind.Flatten).With("start_dim", a.Int("start_dim")).With("end_dim", a.Int("end_dim"));

    public static LayerSpec ConvTranspose2d(Arguments a)
    {
        var inChannels = a.Int("in_channels");
        var outChannels = a.Int("out_channels");
        var groups = a.Int("groups");
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw a.Invalid("groups", $"{groups}", $"groups must divide in_channels ({inChannels}) and out_channels ({outChannels})");
        }

        if (a.EnumMember("padding_mode") is var mode && mode != "Zeros")
        {
            throw new ExtractionException(ExtractionDiagnostics.UnsupportedPaddingMode, a.SyntaxOf("padding_mode"), mode);
        }

        var kernel = a.Ints("kernel_size", 2);
        var spec = new LayerSpec(OpKind.ConvTranspose2d)
            .With("kernel", kernel).With("stride", a.Ints("stride", 2, Ones2)).With("padding", a.Ints("padding", 2, Zeros2))
            .With("output_padding", a.Ints("output_padding", 2, Zeros2)).With("dilation", a.Ints("dilation", 2, Ones2)).With("groups", groups)
            .Parameter("weight", inChannels, outChannels / groups, kernel[0], kernel[1]);
        return a.Bool("bias") ? spec.Parameter("bias", outChannels) : spec;
    }

    /// <summary><c>EmbeddingBag(num_embeddings, embedding_dims, ..., mode)</c> with sums or means.</summary>
    public static LayerSpec EmbeddingBag(Arguments a)
    {
        var mode = a.EnumMember("mode");
        if (mode is not ("Sum" or "Mean") || a.Value("max_norm") is not null || a.Bool("include_last_offset"))
        {
            throw a.Invalid(mode is not ("Sum" or "Mean") ? "mode" : a.Value("max_norm") is not null ? "max_norm" : "include_last_offset", "not supported", "use mode Sum or Mean without max_norm or include_last_offset");
        }

        return new LayerSpec(OpKind.EmbeddingBag).With("mode", mode.ToLowerInvariant()).Parameter("weight", a.Int("num_embeddings"), a.Int("embedding_dims"));
    }

    public static LayerSpec Embedding(Arguments a)
    {
        if (a.Value("max_norm") is not null)
        {
            throw a.Invalid("max_norm", "set", "omit max_norm (it renormalises the weights in forward)");
        }

        var padding = a.Value("padding_idx") is { } index ? checked((int)Numeric.ToInt64(index)) : -1;
        return new LayerSpec(OpKind.Embedding).With("padding_idx", padding).Parameter("weight", a.Int("num_embeddings"), a.Int("embedding_dims"));
    }

    /// <summary>
    /// <c>LSTM</c>, <c>GRU</c>, <c>RNN</c>: the weights of each layer and direction as TorchSharp names them
    /// (<c>weight_ih_l0</c>, <c>weight_hh_l0</c>, <c>bias_ih_l0</c>, <c>bias_hh_l0</c>, <c>..._reverse</c>).
    /// </summary>
    public static LayerSpec Recurrent(Arguments a)
    {
        var mode = a.Method.Name switch
        {
            "LSTM" => "lstm",
            "GRU" => "gru",
            _ => a.EnumMember("nonLinearity") == "ReLU" ? "rnn_relu" : "rnn_tanh",
        };
        var gates = mode switch { "lstm" => 4, "gru" => 3, _ => 1 };
        var (input, hidden, layers) = (a.Int("inputSize"), a.Int("hiddenSize"), a.Int("numLayers"));
        var (bias, bidirectional) = (a.Bool("bias"), a.Bool("bidirectional"));
        var spec = new LayerSpec(OpKind.Rnn)
            .With("mode", mode).With("input_size", input).With("hidden_size", hidden).With("num_layers", layers)
            .With("bias", bias).With("batch_first", a.Bool("batchFirst")).With("bidirectional", bidirectional)
            .With("dropout", a.Double("dropout")).With("result", 0);
        var directions = bidirectional ? 2 : 1;
        for (var layer = 0; layer < layers; layer++)
        {
            foreach (var suffix in bidirectional ? new[] { "", "_reverse" } : [""])
            {
                spec.Parameter($"weight_ih_l{layer}{suffix}", gates * hidden, layer == 0 ? input : directions * hidden)
                    .Parameter($"weight_hh_l{layer}{suffix}", gates * hidden, hidden);
                if (bias)
                {
                    spec.Parameter($"bias_ih_l{layer}{suffix}", gates * hidden).Parameter($"bias_hh_l{layer}{suffix}", gates * hidden);
                }
            }
        }

        return spec;
    }

    /// <summary><c>MultiheadAttention(embedded_dim, num_heads, dropout, bias)</c>; the key/value options TorchSharp adds are refused.</summary>
    public static LayerSpec MultiheadAttention(Arguments a)
    {
        foreach (var option in new[] { "add_bias_kv", "add_zero_attn" })
        {
            if (a.Bool(option))
            {
                throw a.Invalid(option, "set", "leave it at false");
            }
        }

        var width = a.Int("embedded_dim");
        foreach (var dimension in new[] { "kdim", "vdim" })
        {
            if (a.Value(dimension) is { } size && Numeric.ToInt64(size) != width)
            {
                throw a.Invalid(dimension, "not embedded_dim", "use keys and values of the embedding's width");
            }
        }

        var heads = a.Int("num_heads");
        if (heads < 1 || width % heads != 0)
        {
            throw a.Invalid("num_heads", $"{heads}", $"num_heads must divide embedded_dim ({width})");
        }

        var spec = new LayerSpec(OpKind.MultiheadAttention).With("num_heads", heads).With("dropout", a.Double("dropout"))
            .Parameter("in_proj_weight", 3 * width, width);
        if (a.Bool("bias"))
        {
            spec.Parameter("in_proj_bias", 3 * width);
        }

        spec.Parameter("out_proj.weight", width, width);
        return a.Bool("bias") ? spec.Parameter("out_proj.bias", width) : spec;
    }

    public static LayerSpec GroupNorm(Arguments a)
    {
        var groups = a.Int("num_groups");
        var channels = a.Int("num_channels");
        if (groups < 1 || channels % groups != 0)
        {
            throw a.Invalid("num_groups", $"{groups}", $"num_groups must divide num_channels ({channels})");
        }

        var spec = new LayerSpec(OpKind.GroupNorm).With("num_groups", groups).With("eps", a.Double("eps"));
        return a.Bool("affine") ? spec.Parameter("weight", channels).Parameter("bias", channels) : spec;
    }

    public static LayerSpec AdaptiveMaxPool2d(Arguments a) =>
        new LayerSpec(OpKind.AdaptiveMaxPool2d).With("output_size", a.Ints("output_size", 2));

    /// <summary><c>ZeroPad2d(padding)</c> and <c>functional.pad(x, pad, mode, value)</c> with constant padding.</summary>
    public static LayerSpec Pad(Arguments a)
    {
        var name = a.Has("pad") ? "pad" : "padding";
        if (a.Has("mode") && a.EnumMember("mode") != "Constant")
        {
            throw new ExtractionException(ExtractionDiagnostics.UnsupportedPaddingMode, a.SyntaxOf("mode"), a.EnumMember("mode"));
        }

        var pad = a.Value(name) is TupleValue or ListValue ? a.IntList(name) : [.. Enumerable.Repeat(a.Int(name), a.Method.Name == "ZeroPad2d" ? 4 : 2)];
        return new LayerSpec(OpKind.Pad).With("pad", pad).With("value", a.Has("value") ? a.Double("value") : 0.0);
    }

    /// <summary><c>Upsample(size, scale_factor, mode, align_corners)</c> and <c>functional.interpolate</c>, with integral scales.</summary>
    public static LayerSpec Interpolate(Arguments a)
    {
        int[] Sizes(string name) => a.Value(name) is null ? [] : a.IntList(name);
        var scales = a.Value("scale_factor") is ListValue list ? list.Items : [];
        if (scales.Any(s => !Numeric.IsNumber(s) || Numeric.ToDouble(s!) != Math.Floor(Numeric.ToDouble(s!)) || Numeric.ToDouble(s!) < 1))
        {
            throw a.Invalid("scale_factor", "not a whole number", "scale by whole factors (2, 3, ...) or give the output size");
        }

        if ((a.Has("antialias") && a.Bool("antialias")) || (a.Has("recompute_scale_factor") && a.Value("recompute_scale_factor") is true))
        {
            throw a.Invalid(a.Has("antialias") && a.Bool("antialias") ? "antialias" : "recompute_scale_factor", "set", "leave it at its default");
        }

        return new LayerSpec(OpKind.Interpolate)
            .With("size", Sizes("size"))
            .With("scale", scales.Select(s => (int)Numeric.ToDouble(s!)).ToArray())
            .With("mode", a.EnumMember("mode").ToLowerInvariant())
            .With("align_corners", a.Value("align_corners") is true);
    }

    /// <summary>Parameterless elementwise ops and their few scalar attributes.</summary>
    public static LayerSpec Activation(OpKind kind, Arguments a)
    {
        var spec = new LayerSpec(kind) { InPlace = a.OptionalBool("inplace") };
        return kind switch
        {
            OpKind.LeakyRelu => spec.With("negative_slope", a.Double("negative_slope")),
            OpKind.Elu => spec.With("alpha", a.Double("alpha")),
            OpKind.Gelu => spec.With("approximate", a.Has("approximate") ? a.EnumMember("approximate").ToLowerInvariant() : "none"),
            OpKind.Softmax or OpKind.LogSoftmax => spec.With("dim", a.Int("dim")),
            OpKind.Dropout or OpKind.Dropout2d => spec.With("p", a.Double("p")),
            OpKind.Softplus => spec.With("beta", a.Double("beta")).With("threshold", a.Double("threshold")),
            _ => spec,
        };
    }

    /// <summary>
    /// <c>Padding.Same</c> as explicit symmetric padding: the total padding of a dimension is
    /// dilation * (kernel - 1), which must be even; TorchSharp rejects 'same' with a stride above 1.
    /// </summary>
    private static int[] PaddingFor(string mode, int[] kernel, int[] dilation, int[] stride, Arguments a)
    {
        if (mode == "Valid")
        {
            return Zeros2;
        }

        var total = kernel.Select((k, i) => dilation[i] * (k - 1)).ToArray();
        if (stride.Any(s => s != 1) || total.Any(t => t % 2 != 0))
        {
            throw new ExtractionException(
                ExtractionDiagnostics.AsymmetricSamePadding,
                a.SyntaxOf("padding"),
                string.Join("x", kernel),
                string.Join("x", dilation),
                string.Join("x", stride));
        }

        return [.. total.Select(t => t / 2)];
    }
}
