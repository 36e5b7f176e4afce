using System.Reflection;
using System.Runtime.InteropServices;

namespace FlashSaleUI.Core.Kafka;

/// <summary>Points Confluent.Kafka at Debian's librdkafka1 (the librdkafka.redist package with the bundled binaries
/// is not available to us). <c>Library.Load(path)</c> is broken on Debian 12 (it asks for "libdl"), so the names it
/// imports are resolved here instead. Call before any Confluent.Kafka type is used.</summary>
public static class NativeKafka
{
    public const string SystemLibrary = "librdkafka.so.1";
    private static readonly Lazy<bool> Registered = new(() =>
    {
        NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, Resolve);
        return true;
    });

    public static void EnsureLoaded() => _ = Registered.Value;

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) => name switch
    {
        "librdkafka" => NativeLibrary.Load(SystemLibrary),
        "libdl" => NativeLibrary.Load("libdl.so.2"),
        _ => IntPtr.Zero,
    };
}
