// Makes the Fashion-MNIST subset committed next to this file (embedded in Ghn.Training):
// a seeded, class-balanced draw of FashionMnist.SubsetTrainPerClass training and SubsetTestPerClass test
// images per class from the full dataset. Reproduce it with
//   apt-get install dataset-fashion-mnist
//   dotnet run runtime/Ghn.Training/Data/Subset/MakeSubset.cs [source-directory]
#:project ../../Ghn.Training.csproj
using Ghn.Training.Data;

var source = FashionMnist.Load(args.Length > 0 ? args[0] : FashionMnist.InstalledDirectory);
var subset = new ImageDataset(
    source.Train.SampleBalanced(FashionMnist.SubsetTrainPerClass, FashionMnist.SubsetSeed),
    source.Test.SampleBalanced(FashionMnist.SubsetTestPerClass, FashionMnist.SubsetSeed),
    "subset");
var output = Path.GetDirectoryName(Path.GetFullPath(AppContext.GetData("EntryPointFilePath") as string ?? "MakeSubset.cs"))!;
subset.Save(output);
Console.WriteLine($"Wrote {subset.Train.Count} training and {subset.Test.Count} test images from {source.Source} to {output}.");
