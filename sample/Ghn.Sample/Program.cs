using Ghn;
using Ghn.Sample;
using Ghn.Sample.Models;
using Ghn.Training.Data;
using static TorchSharp.torch;

// Each model twice: as TorchSharp initialises it, and with the weights Ghn.Build predicted and embedded at build time.
// Neither is trained; both get their BatchNorm statistics recalibrated on the same few training batches.
(string Name, Func<nn.Module<Tensor, Tensor>> Create, Func<nn.Module<Tensor, Tensor>> CreateWithGhnInit)[] models =
[
    ("LeNet", () => new LeNet(), () => new LeNet().ApplyGhnInit()),
    ("ResNetSmall", () => new ResNetSmall(), () => new ResNetSmall().ApplyGhnInit()),
    ("Mlp", () => new Mlp(), () => new Mlp().ApplyGhnInit()),
];

// LibTorch's oneDNN convolutions give non-finite results now and then on some CPUs (AMD Zen 5); its im2col ones do not.
CpuConvolutionKernels.UseIm2ColKernels();

var data = FashionMnist.LoadDefault();
var evaluation = new Evaluation(data, calibrationBatches: 10, batchSize: 64, seed: 1);
var costs = PredictionCosts.Load(Path.Combine(AppContext.BaseDirectory, "ghn-predictions.tsv"));
Console.WriteLine($"{data.Source}: {data.Train.Count:N0} training and {data.Test.Count:N0} test images.");
Console.WriteLine($"BatchNorm statistics recalibrated on {evaluation.CalibrationImages} training images; no training.");
Console.WriteLine();
Console.WriteLine($"{"model",-12} {"parameters",11} {"default init",13} {"GHN init",9}  build-time prediction");

foreach (var (name, create, createWithGhnInit) in models)
{
    manual_seed(0);
    using var baseline = create();
    using var predicted = createWithGhnInit();
    var parameters = predicted.parameters().Sum(p => p.numel());
    Console.WriteLine(
        $"{name,-12} {parameters,11:N0} {evaluation.Accuracy(baseline),13:P1} {evaluation.Accuracy(predicted),9:P1}  {costs.Describe(typeof(LeNet).Namespace + "." + name)}");
}
