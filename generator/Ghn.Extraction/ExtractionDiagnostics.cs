using Microsoft.CodeAnalysis;

namespace Ghn.Extraction;

/// <summary>
/// The diagnostics of architecture extraction, one id per cause. Each message says what is not supported and
/// what to write instead. Errors skip the model (no graph); the build goes on.
/// </summary>
public static class ExtractionDiagnostics
{
    /// <summary>The category shared by every extraction diagnostic.</summary>
    public const string Category = "Ghn.Extraction";

    /// <summary>GHN001: the extractor itself failed; a bug to report, never the user's fault.</summary>
    public static readonly DiagnosticDescriptor InternalError = new(
        "GHN001", "Ghn extraction failed internally",
        "Ghn extraction of '{0}' failed internally ({1}); the model is skipped, please report this with the model's source",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN002: the [GhnInit] arguments match no constructor.</summary>
    public static readonly DiagnosticDescriptor NoMatchingConstructor = new(
        "GHN002", "No constructor matches the [GhnInit] arguments",
        "No constructor of '{0}' accepts the [GhnInit] arguments ({1}); pass arguments that match exactly one constructor, or give every parameter a default",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN003: the [GhnInit] arguments match several constructors.</summary>
    public static readonly DiagnosticDescriptor AmbiguousConstructor = new(
        "GHN003", "Several constructors match the [GhnInit] arguments",
        "Several constructors of '{0}' accept the [GhnInit] arguments ({1}); pass arguments that select exactly one constructor",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN004: the model has no forward of tensors with source.</summary>
    public static readonly DiagnosticDescriptor NoForward = new(
        "GHN004", "The model has no forward method",
        "'{0}' has no 'forward' method of tensors with a body in this compilation; override 'public override Tensor forward(Tensor input)' (or a forward of several tensors)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN005: the annotated type is not a TorchSharp module.</summary>
    public static readonly DiagnosticDescriptor NotAModule = new(
        "GHN005", "The type is not a TorchSharp module",
        "'{0}' does not derive from TorchSharp's torch.nn.Module<Tensor, ..., TResult> (tensors in); derive from Module<Tensor, Tensor> (with a reference to TorchSharp) or remove [GhnInit]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN006: the compilation does not reference TorchSharp.</summary>
    public static readonly DiagnosticDescriptor TorchSharpNotReferenced = new(
        "GHN006", "TorchSharp is not referenced",
        "The compilation does not reference TorchSharp, so '{0}' cannot be extracted; add a PackageReference to TorchSharp",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN007: the model's code has compile errors; extraction waits until they are fixed.</summary>
    public static readonly DiagnosticDescriptor CompilationErrors = new(
        "GHN007", "Extraction skipped: the model does not compile",
        "'{0}' is not extracted because its code has compile errors; fix them and the architecture is extracted again",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true);

    /// <summary>GHN008: a C# construct the evaluator does not implement.</summary>
    public static readonly DiagnosticDescriptor UnsupportedConstruct = new(
        "GHN008", "C# construct not supported by Ghn extraction",
        "{0} is not supported by Ghn extraction; write it with locals, constants, arithmetic, if/?:, loops with compile-time bounds, arrays, List<T>, tuples or helper methods",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN009: a call to a method whose source is not in the compilation (and which is not a known API).</summary>
    public static readonly DiagnosticDescriptor UnsupportedLibraryCall = new(
        "GHN009", "Library method not supported by Ghn extraction",
        "'{0}' is not supported by Ghn extraction: its code is not in this compilation; compute the value inline or in a helper method of your own classes",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN010: a TorchSharp API the extractor does not model.</summary>
    public static readonly DiagnosticDescriptor UnsupportedTorchApi = new(
        "GHN010", "TorchSharp API not supported by Ghn extraction",
        "TorchSharp '{0}' is not supported by Ghn extraction; use a supported module or tensor op (listed in Ghn.Extraction's README: convolutions, linear, embeddings, normalisations, attention, recurrent layers, pooling, activations, shape ops, containers)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN011: a value that must be known at compile time depends on the input tensor.</summary>
    public static readonly DiagnosticDescriptor NotCompileTime = new(
        "GHN011", "Value is not known at compile time",
        "{0} depends on tensor data and is not known at compile time; branch and loop only on constructor arguments, constants and fields",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN012: the evaluation step budget ran out (an endless or very long loop).</summary>
    public static readonly DiagnosticDescriptor StepBudgetExceeded = new(
        "GHN012", "Evaluation step budget exceeded",
        "Extraction stopped after {0} evaluation steps here, probably an endless loop; loops must end after a compile-time number of iterations",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN013: recursion too deep.</summary>
    public static readonly DiagnosticDescriptor RecursionTooDeep = new(
        "GHN013", "Recursion too deep",
        "Extraction stopped at call depth {0} here, probably runaway recursion; make recursion end on a compile-time condition",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN014: the graph grew beyond the node limit.</summary>
    public static readonly DiagnosticDescriptor GraphTooLarge = new(
        "GHN014", "Architecture graph too large",
        "The architecture graph exceeded {0} nodes here; Ghn extraction supports models up to that size",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN015: extraction ran out of wall-clock time.</summary>
    public static readonly DiagnosticDescriptor TimeBudgetExceeded = new(
        "GHN015", "Extraction time budget exceeded",
        "Extraction stopped after {0} ms here; simplify the constructor or forward (loops must have small compile-time bounds)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN016: evaluation reached a throw.</summary>
    public static readonly DiagnosticDescriptor ThrowReached = new(
        "GHN016", "Code throws with the extraction arguments",
        "This throw is reached when '{0}' is constructed with the extraction arguments; fix the [GhnInit] arguments or the condition guarding it",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN017: a null value used where an object is needed.</summary>
    public static readonly DiagnosticDescriptor NullValue = new(
        "GHN017", "Value is null",
        "{0} is null here during extraction; assign it before use (fields are assigned in the constructor)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN018: an index outside an array, list or module list.</summary>
    public static readonly DiagnosticDescriptor IndexOutOfRange = new(
        "GHN018", "Index out of range",
        "Index {0} is outside a collection of {1} elements; use an index in range",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN019: integer division by zero.</summary>
    public static readonly DiagnosticDescriptor DivisionByZero = new(
        "GHN019", "Division by zero",
        "This integer division or remainder divides by zero with the extraction arguments; guard it or change the arguments",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN020: Padding.Same where the padding would be asymmetric.</summary>
    public static readonly DiagnosticDescriptor AsymmetricSamePadding = new(
        "GHN020", "Padding.Same needs asymmetric padding",
        "Padding.Same with kernel {0}, dilation {1} and stride {2} has no symmetric explicit padding; use an odd kernel with stride 1, or pass explicit padding",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN021: a padding mode other than zeros.</summary>
    public static readonly DiagnosticDescriptor UnsupportedPaddingMode = new(
        "GHN021", "Padding mode not supported",
        "Padding mode '{0}' is not supported by Ghn extraction; use PaddingModes.Zeros (the default)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN022: the module never calls RegisterComponents().</summary>
    public static readonly DiagnosticDescriptor ComponentsNotRegistered = new(
        "GHN022", "Module does not register its components",
        "'{0}' assigns submodules but its constructor never calls RegisterComponents(), so TorchSharp would not see their parameters; call RegisterComponents() at the end of the constructor",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN024: a registered module is never used in forward (an auxiliary head): information, the rest is predicted.</summary>
    public static readonly DiagnosticDescriptor UnusedModule = new(
        "GHN024", "Registered module not used in forward",
        "Module '{0}' is registered but forward never calls it: its parameters are not predicted and keep TorchSharp's initialisation; the rest of the model is predicted",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true);

    /// <summary>GHN025: two components registered under the same name.</summary>
    public static readonly DiagnosticDescriptor DuplicateComponentName = new(
        "GHN025", "Component name used twice",
        "A component named '{0}' is already registered in this module; give each submodule a unique name",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN026: a layer built from given weight tensors instead of its sizes.</summary>
    public static readonly DiagnosticDescriptor TensorInConstructor = new(
        "GHN026", "Layer built from tensors",
        "'{0}' builds a layer from given tensors, whose sizes the extractor cannot read; create the layer from its sizes (Linear(in, out)) or keep the tensors as Parameter fields",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN039: a recurrent layer's weights, which the GHN does not predict (information).</summary>
    public static readonly DiagnosticDescriptor RecurrentNotPredicted = new(
        "GHN039", "Recurrent weights are not predicted",
        "The weights of {0} '{1}' are not predicted (the GHN has no node type for recurrent weights) and keep TorchSharp's initialisation; the rest of the model is predicted",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true);

    /// <summary>GHN040: a branch on the training flag, extracted as in evaluation mode (information).</summary>
    public static readonly DiagnosticDescriptor EvaluationModeBranch = new(
        "GHN040", "Branch on the training flag follows evaluation mode",
        "'{0}' depends on the module's training flag: the graph takes the branch of evaluation mode, in which predicted weights are evaluated; what training mode computes instead is not in the graph",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true);

    /// <summary>GHN038: a registered tensor whose shape the constructor's code does not let the extractor follow.</summary>
    public static readonly DiagnosticDescriptor TensorShapeUnknown = new(
        "GHN038", "Shape of a registered tensor not known",
        "The shape of '{0}' cannot be followed at build time; create it with torch.zeros/ones/empty/randn/arange of constant sizes and shape ops (view, unsqueeze, transpose, ...)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN027: an argument value TorchSharp would reject or the extractor cannot represent.</summary>
    public static readonly DiagnosticDescriptor InvalidArgument = new(
        "GHN027", "Invalid argument",
        "Argument '{0}' of '{1}' is {2}; {3}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN028: forward returns something that is not a tensor of the graph.</summary>
    public static readonly DiagnosticDescriptor ForwardResultNotTensor = new(
        "GHN028", "forward does not return a computed tensor",
        "forward returns {0}; return the tensor computed from the input",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN029: a reshape/view dimension that is neither a constant nor the input's own size.</summary>
    public static readonly DiagnosticDescriptor UnsupportedShapeArgument = new(
        "GHN029", "Shape argument not supported",
        "Shape entry {0} is neither a constant nor a size of the tensor being reshaped; write constants, -1, or x.size(k) of the same tensor",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN030: ModuleDict lookup with a missing key.</summary>
    public static readonly DiagnosticDescriptor MissingKey = new(
        "GHN030", "Key not found",
        "The key '{0}' is not in this ModuleDict or dictionary; use one of its keys",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN031: a [GhnInit] argument that is not a compile-time constant of a supported kind.</summary>
    public static readonly DiagnosticDescriptor UnsupportedInitArgument = new(
        "GHN031", "Unsupported [GhnInit] argument",
        "[GhnInit] argument {0} is not supported; pass numbers, strings, booleans, enum members or arrays of them",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN032: user-defined operators and conversions.</summary>
    public static readonly DiagnosticDescriptor UserDefinedOperator = new(
        "GHN032", "User-defined operator not supported",
        "The user-defined operator '{0}' is not supported by Ghn extraction; call a helper method instead",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN033: a layer with parameters that TorchSharp would not register.</summary>
    public static readonly DiagnosticDescriptor UnregisteredModule = new(
        "GHN033", "Module with parameters is not registered",
        "This {0} has parameters but is not registered in the model (created in forward, or kept in a List/array or a non-module object); keep it in a module field, a ModuleList or a Sequential",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN034: a .NET library call throws with the values extraction gives it.</summary>
    public static readonly DiagnosticDescriptor LibraryCallThrows = new(
        "GHN034", "Library call throws with the extraction arguments",
        "'{0}' throws with these values ({1}); fix the [GhnInit] arguments or the values the model passes to it",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN035: the [GhnInit] InputShape is empty or has a size below one.</summary>
    public static readonly DiagnosticDescriptor InvalidInputShape = new(
        "GHN035", "Invalid InputShape",
        "InputShape [{0}] is not a sample shape; give the positive sizes of one input without the batch dimension, for example InputShape = new[] { 1, 28, 28 }, or with -1 where the batch is (a sequence first: new[] { 35, -1 })",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN036: with the [GhnInit] InputShape, an op receives tensors whose shapes do not fit it.</summary>
    public static readonly DiagnosticDescriptor ShapeMismatch = new(
        "GHN036", "Shapes do not fit",
        "With InputShape [{0}] this op fails as TorchSharp would: {1}; fix the layer sizes or the InputShape",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GHN037: code needs a size of the input that is known only at run time.</summary>
    public static readonly DiagnosticDescriptor SizeNotKnown = new(
        "GHN037", "Size of the input not known at build time",
        "{0} needs {1}, which is known only at run time; {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
