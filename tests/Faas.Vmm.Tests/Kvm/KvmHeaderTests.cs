using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Faas.Vmm.Kvm;
using Faas.Vmm.Kvm.Structs;

namespace Faas.Vmm.Tests.Kvm;

/// <summary>
/// Every KVM constant, struct size and field offset the VMM declares, compared with &lt;linux/kvm.h&gt; by a C program generated
/// from the C# declarations and compiled with gcc.
/// </summary>
public sealed class KvmHeaderTests
{
    private static readonly Type[] ConstantClasses = [typeof(Ioctls), typeof(Caps), typeof(ExitReasons), typeof(KvmConstants)];

    [Fact]
    public async Task Constants_struct_sizes_and_offsets_match_the_installed_linux_kvm_header()
    {
        var expected = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var program = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include <linux/kvm.h>\nint main(void) {\n");
        foreach (var type in ConstantClasses)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            {
                expected[field.Name] = Convert.ToUInt64(field.GetRawConstantValue(), CultureInfo.InvariantCulture);
                Emit(program, field.Name, $"(unsigned long long)({field.Name})");
            }
        }

        foreach (var type in StructTypes())
        {
            expected[$"sizeof({type.Name})"] = (ulong)Marshal.SizeOf(type);
            Emit(program, $"sizeof({type.Name})", $"sizeof(struct {type.Name})");
            foreach (var (path, offset) in FieldOffsets(type, string.Empty, 0))
            {
                expected[$"offsetof({type.Name}, {path})"] = (ulong)offset;
                Emit(program, $"offsetof({type.Name}, {path})", $"offsetof(struct {type.Name}, {path})");
            }
        }

        program.Append("return 0;\n}\n");
        var actual = await CompileAndRunAsync(program.ToString());

        Assert.True(expected.Count > 150, $"only {expected.Count} checks were generated");
        var mismatches = expected
            .Where(pair => !actual.TryGetValue(pair.Key, out var value) || value != pair.Value)
            .Select(pair => $"{pair.Key}: C# 0x{pair.Value:x}, header {(actual.TryGetValue(pair.Key, out var value) ? $"0x{value:x}" : "missing")}")
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Fact]
    public void Every_kvm_struct_holds_only_values_so_it_can_go_to_an_ioctl_as_is()
    {
        foreach (var type in StructTypes())
        {
            Assert.All(AllFieldTypes(type), fieldType => Assert.True(fieldType.IsValueType, $"{type.Name} holds a {fieldType.Name}"));
        }
    }

    private static IEnumerable<Type> AllFieldTypes(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .SelectMany(field => field.FieldType.IsValueType && !field.FieldType.IsPrimitive ? AllFieldTypes(field.FieldType).Prepend(field.FieldType) : [field.FieldType]);

    private static IEnumerable<Type> StructTypes() =>
        typeof(kvm_regs).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(kvm_regs).Namespace && t.IsValueType && !t.IsNested);

    /// <summary>Fields with their C access path; nested anonymous structs are walked into, fixed buffers and named structs are not.</summary>
    private static IEnumerable<(string Path, int Offset)> FieldOffsets(Type type, string prefix, int baseOffset)
    {
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            var offset = baseOffset + (int)Marshal.OffsetOf(type, field.Name);
            var path = prefix + field.Name;
            yield return (path, offset);
            if (field.FieldType.IsNested && field.FieldType.DeclaringType == type && field.GetCustomAttribute<FixedBufferAttribute>() is null)
            {
                foreach (var inner in FieldOffsets(field.FieldType, path + ".", offset))
                {
                    yield return inner;
                }
            }
        }
    }

    private static void Emit(StringBuilder program, string name, string expression) =>
        program.Append(CultureInfo.InvariantCulture, $"printf(\"%s=%llu\\n\", \"{name}\", (unsigned long long)({expression}));\n");

    private static async Task<Dictionary<string, ulong>> CompileAndRunAsync(string source)
    {
        var directory = Directory.CreateTempSubdirectory("faas-kvm-header-");
        try
        {
            var sourcePath = Path.Combine(directory.FullName, "check.c");
            var binary = Path.Combine(directory.FullName, "check");
            await File.WriteAllTextAsync(sourcePath, source);
            var compile = await Cli.Wrap("gcc").WithArguments(["-o", binary, sourcePath]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
            Assert.True(compile.ExitCode == 0, $"gcc failed:\n{compile.StandardError}");
            var run = await Cli.Wrap(binary).ExecuteBufferedAsync();
            return run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('=', 2))
                .ToDictionary(parts => parts[0], parts => ulong.Parse(parts[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
