namespace FlashSaleUI.Core.Pipeline;

public static class InstanceName
{
    /// <summary>A name unique to this process and component, e.g. "relay-web1-4242-1a2b3c4d": several app
    /// instances (and several hosts in one test process) each get their own consumer / client name.</summary>
    public static string Create(string role)
    {
        var name = $"{role}-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        return name.Length <= 64 ? name : name[^64..];
    }
}
