using System.Reflection;
using System.Runtime.InteropServices;

namespace FlashSaleUI.Core.Kafka;

/// <summary>Loads librdkafka from the librdkafka.redist package that ships beside the app, never from the system.
/// On linux-x64 the package's default build needs libsasl2.so.3, which Debian 12 lacks (it has .so.2); its
/// centos8 build has no such dependency. .NET's own probing would also pick a system librdkafka (Debian's 2.0.2)
/// first, which fails on the first Consume. So every "librdkafka" import, Confluent.Kafka's and the embedded
/// broker's (<see cref="KafkaMockCluster"/>), resolves here to one library handle. Call before any client is built.</summary>
public static class NativeKafka
{
    public const string LibraryName = "librdkafka";
    private static readonly Lazy<IntPtr> Handle = new(LoadBundled);
    private static readonly Lazy<bool> Registered = new(() =>
    {
        NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, Resolve);
        NativeLibrary.SetDllImportResolver(typeof(NativeKafka).Assembly, Resolve);
        return true;
    });

    public static void EnsureLoaded() => _ = Registered.Value;

    /// <summary>The file that was loaded, for the startup log; null where the platform's default probing applies.</summary>
    public static string? LoadedFrom { get; private set; }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name == LibraryName ? Handle.Value : IntPtr.Zero;

    private static IntPtr LoadBundled()
    {
        if (!OperatingSystem.IsLinux()) return IntPtr.Zero; // elsewhere the runtime's own probing finds the package's build
        var arch = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        // a portable build keeps the package's files under runtimes/<rid>/native; a RID-specific publish (-r linux-x64,
        // ReadyToRun) puts them beside the app
        string[] folders = [Path.Combine(AppContext.BaseDirectory, "runtimes", arch, "native"), AppContext.BaseDirectory];
        // the default build first (it has SASL/GSSAPI), then the one without the libsasl2.so.3 dependency
        foreach (var candidate in folders.SelectMany(folder => new[] { "librdkafka.so", "centos8-librdkafka.so" }
                     .Select(file => Path.Combine(folder, file))))
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
            {
                LoadedFrom = candidate;
                return handle;
            }
        }
        throw new DllNotFoundException(
            $"librdkafka from the librdkafka.redist package was not found or does not load in {string.Join(" or ", folders)}.");
    }
}
