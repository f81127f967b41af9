using static TorchSharp.torch;

namespace Ghn;

/// <summary>Computes one node from its input values and its tensors (one kernel per <see cref="Graphs.OpKind"/>, built by <see cref="OpKernels"/>).</summary>
internal delegate Tensor Kernel(Tensor[] inputs, NodeTensors tensors, bool training);
