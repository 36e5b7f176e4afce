namespace FlashSaleUI.Core.Audit;

/// <summary>The names of audited operator actions, as stored in audit_log.action and shown on the dashboard.</summary>
public static class AuditAction
{
    public const string Create = "create", Open = "open", Close = "close", Cancel = "cancel", TopUp = "topUp",
        Edit = "edit", Replay = "replay", Reconcile = "reconcile", SignInFailed = "signInFailed",
        AccountCreated = "accountCreated", AccountChanged = "accountChanged", PasswordChanged = "passwordChanged",
        TokenCreated = "tokenCreated", TokenRevoked = "tokenRevoked";
}
