namespace Ghn.Generator.Model;

/// <summary>A type that encloses the model, which the generated partial declaration has to repeat.</summary>
/// <param name="Keyword">The declaration keyword(s) after <c>partial</c>: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Modifiers">Modifiers every partial declaration must repeat (<c>ref</c>), each followed by a space, or empty.</param>
/// <param name="Identifier">The type's name as a C# identifier (keywords escaped with <c>@</c>).</param>
internal sealed record ContainingTypeSpec(string Keyword, string Modifiers, string Identifier);
