using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace FlashSaleUI.Core.Redis;

/// <summary>A script from redis-scripts/, run by EVALSHA; on NOSCRIPT (a restarted or new cluster node) it is sent
/// once with EVAL, which also caches it on that node.</summary>
public sealed class RedisScript
{
    public string Name { get; }
    public string Text { get; }
    public byte[] Sha1 { get; }

    private RedisScript(string name, string text)
    {
        Name = name;
        Text = text;
        Sha1 = SHA1.HashData(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Loads redis-scripts/{name}.lua, embedded into this assembly at build time.</summary>
    public static RedisScript Load(string name)
    {
        var resource = $"redis-scripts/{name}.lua";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded script {resource} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new RedisScript(name, reader.ReadToEnd());
    }

    public async Task<RedisResult> EvaluateAsync(IDatabaseAsync db, RedisKey[] keys, RedisValue[] args)
    {
        try
        {
            return await db.ScriptEvaluateAsync(Sha1, keys, args).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await db.ScriptEvaluateAsync(Text, keys, args).ConfigureAwait(false);
        }
    }
}
