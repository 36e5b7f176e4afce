namespace FlashSaleUI.Core.Accounts;

/// <summary>The three roles, each including the one before: viewer (events list, dashboards, live hub, pipeline
/// status, metrics), operator (every event action, winners, CSV, audit, dead letters, reconcile), admin (accounts).</summary>
public static class OperatorRoles
{
    public const string Viewer = "viewer", Operator = "operator", Admin = "admin";
    public static readonly string[] All = [Viewer, Operator, Admin];

    /// <summary>The roles that may do what <paramref name="least"/> may (for RequireRole).</summary>
    public static string[] AtLeast(string least) => All[Array.IndexOf(All, least)..];

    public static bool IsRole(string? name) => name is not null && All.Contains(name);
}
