using System.Reflection;
using System.Runtime.CompilerServices;
using Ghn.Graphs;
using Microsoft.CodeAnalysis;

namespace Ghn.Generator.Tests.Infrastructure;

/// <summary>Uses the generated members of a model type the way application code does, without LibTorch.</summary>
internal static class GeneratedModel
{
    /// <summary>Compiles <paramref name="compilation"/> with the generator's output and loads it into the test process.</summary>
    public static Type Load(Compilation compilation, string fullName)
    {
        var run = GeneratorRun.Start(compilation);
        using var image = new MemoryStream();
        var emit = run.OutputCompilation.Emit(image);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        return Assembly.Load(image.ToArray()).GetType(fullName, throwOnError: true)!;
    }

    /// <summary>Reads <c>GhnArchitecture</c>; what it throws is rethrown as is.</summary>
    public static ArchitectureGraph GetArchitecture(Type model)
    {
        try
        {
            return (ArchitectureGraph)model.GetProperty("GhnArchitecture", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        }
        catch (TargetInvocationException invocation) when (invocation.InnerException is not null)
        {
            throw invocation.InnerException;
        }
    }

    /// <summary>
    /// Calls <c>ApplyGhnInit()</c> on an instance created without running its constructor, which would need LibTorch;
    /// the method fails before touching any tensor when no weights are embedded. Returns what it threw.
    /// </summary>
    public static Exception? CallApplyGhnInit(Type model)
    {
        var instance = RuntimeHelpers.GetUninitializedObject(model);
        GC.SuppressFinalize(instance); // its finalizer would release a native module that was never created
        try
        {
            model.GetMethod("ApplyGhnInit")!.Invoke(instance, null);
            return null;
        }
        catch (TargetInvocationException invocation)
        {
            return invocation.InnerException;
        }
    }
}
