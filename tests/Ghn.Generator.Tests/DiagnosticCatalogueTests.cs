using System.Reflection;
using System.Text.RegularExpressions;
using Ghn.Extraction;
using Ghn.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Ghn.Generator.Tests;

/// <summary>The README's diagnostics table is the one catalogue: it lists every id the extractor and the generator declare, once.</summary>
public sealed class DiagnosticCatalogueTests
{
    [Fact]
    public void The_readme_lists_every_declared_diagnostic_once_with_its_severity()
    {
        var declared = new[] { typeof(ExtractionDiagnostics), typeof(DiagnosticDescriptors) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Where(f => f.FieldType == typeof(DiagnosticDescriptor) && !f.Name.StartsWith('<')).Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
                .Concat(t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Where(p => p.PropertyType == typeof(DiagnosticDescriptor)).Select(p => (DiagnosticDescriptor)p.GetValue(null)!)))
            .ToList();
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var rows = Regex.Matches(readme, @"^\| (GHN\d{3}) \| (\w+) \|", RegexOptions.Multiline).Select(m => (Id: m.Groups[1].Value, Severity: m.Groups[2].Value)).ToList();

        Assert.True(rows.Count == rows.Select(r => r.Id).Distinct().Count(), $"ids listed twice: {string.Join(", ", rows.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key))}");
        foreach (var descriptor in declared)
        {
            var row = Assert.Single(rows, r => r.Id == descriptor.Id);
            Assert.Equal(descriptor.DefaultSeverity.ToString().ToLowerInvariant(), row.Severity);
        }

        Assert.Equal(declared.Count, declared.Select(d => d.Id).Distinct().Count());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Ghn.Build.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (Ghn.Build.sln) is not above the test's folder.");
    }
}
