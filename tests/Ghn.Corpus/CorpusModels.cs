using Ghn.Corpus.Models;
using static TorchSharp.torch;

namespace Ghn.Corpus;

/// <summary>The catalogue of corpus models.</summary>
public static class CorpusModels
{
    private static readonly long[] FashionMnist = [1, 28, 28];
    private static readonly long[] Cifar = [3, 32, 32];

    /// <summary>Every corpus model, the ports of the reference parity fixtures first.</summary>
    public static IReadOnlyList<CorpusModel> All { get; } =
    [
        new("tiny_cnn", typeof(TinyCnn), FashionMnist, FixtureGraph: "tiny_cnn"),
        new("residual_block", typeof(ResidualBlockNet), FashionMnist, FixtureGraph: "residual_block"),
        new("mixed", typeof(MixedNet), FashionMnist, FixtureGraph: "mixed"),
        new("resnet18_narrow", typeof(ResNet18), Cifar, FixtureGraph: "resnet18_narrow"),
        new("vit_tiny", typeof(VisionTransformer), FashionMnist, FixtureGraph: "vit_tiny"),
        new("resnet18_fmnist", typeof(FashionResNet18), FashionMnist),
        new("vgg", typeof(Vgg), FashionMnist),
        new("densenet", typeof(DenseNet), FashionMnist),
        new("mobilenet_v2", typeof(MobileNetV2), FashionMnist),
        new("mobilenet_v3", typeof(MobileNetV3), FashionMnist),
        new("se_resnet", typeof(SeResNet), FashionMnist),
        new("mlp", typeof(Mlp), FashionMnist),
        new("batchnorm_mlp", typeof(BatchNormMlp), FashionMnist),
        new("inception", typeof(InceptionNet), FashionMnist),
        new("lenet5", typeof(LeNet5), FashionMnist),
        new("convmixer", typeof(ConvMixer), FashionMnist),
        new("weight_init_cnn", typeof(WeightInitCnn), FashionMnist),
        new("configurable_cnn", typeof(ConfigurableCnn), FashionMnist),
        new("config_dictionary_vgg", typeof(ConfigDictionaryVgg), FashionMnist),
        new("unet_small", typeof(UNetSmall), FashionMnist),
        new("shuffle_attention", typeof(ShuffleAttentionNet), FashionMnist),
        new("tiny_vit", typeof(TinyVit), FashionMnist),
        new("tiny_text_transformer", typeof(TinyTextTransformer), [12], Vocabulary: 50),
        new("policy_value", typeof(PolicyValueNet), FashionMnist),
        new("recurrent_text", typeof(RecurrentTextClassifier), [9], Vocabulary: 40),
        new("attention_classifier", typeof(AttentionClassifier), FashionMnist),
        new("transformer_encoder", typeof(TransformerEncoderClassifier), FashionMnist),
        new("nano_gpt", typeof(NanoGptClassifier), [10], Vocabulary: 30),
        new("tied_language_model", typeof(TiedLanguageModel), [8], Vocabulary: 10),
        new("rms_norm_language_model", typeof(RmsNormLanguageModel), [6], Vocabulary: 10, BranchesOnTraining: true),
        new("dueling_q_network", typeof(DuelingQNetwork), [8]),
        // Sequence first: 12 token ids per batch entry, and the square attention mask.
        new("sequence_transformer", typeof(SequenceTransformer), [12], MakeInputs: batch => [randint(0, 50, [12, batch], ScalarType.Int64), triu(ones(12, 12) * -1e4, 1)]),
        // Sequence first: 7 source and 5 target token ids per batch entry.
        new("translation_transformer", typeof(TranslationTransformer), [7], MakeInputs: batch => [randint(0, 20, [7, batch], ScalarType.Int64), randint(0, 10, [5, batch], ScalarType.Int64)]),
        // A flat batch of 5 tokens per sentence, cut by offsets (one sentence per batch entry).
        new("bag_of_words", typeof(BagOfWordsClassifier), [5], MakeInputs: batch => [randint(0, 60, [batch * 5], ScalarType.Int64), arange(0, batch * 5, 5, ScalarType.Int64)]),
    ];

    /// <summary>The model called <paramref name="name"/>.</summary>
    public static CorpusModel Get(string name) =>
        All.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"No corpus model is called '{name}'.", nameof(name));
}
