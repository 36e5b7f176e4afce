namespace FlashSaleUI.Core.Configuration;

/// <summary>Configuration keys for the servers (README: Configuration).</summary>
public static class ConnectionNames
{
    public const string Redis = "Redis";          // ConnectionStrings__Redis
    public const string Postgres = "Postgres";    // ConnectionStrings__Postgres
}
