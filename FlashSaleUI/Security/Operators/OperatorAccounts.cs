using System.Security.Cryptography;
using FlashSaleUI.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FlashSaleUI.Security.Operators;

/// <summary>Accounts as an admin manages them (the Accounts page and /api/accounts), and the first admin at first
/// start. Every change is audited by the person who made it.</summary>
public sealed class OperatorAccounts(UserManager<OperatorUser> users, RoleManager<IdentityRole> roles, IAuditLog audit,
    TimeProvider clock, ILogger<OperatorAccounts> log)
{
    public const string UserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
    public const string UserNameRule = "1-64 characters of A-Z, a-z, 0-9, '-', '.', '_' and '@'";

    public async Task<IReadOnlyList<AccountView>> ListAsync(CancellationToken ct = default)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var list = new List<AccountView>();
        foreach (var user in all) list.Add(await ViewAsync(user));
        return list;
    }

    public async Task<AccountView?> FindAsync(string userName) =>
        await users.FindByNameAsync(userName) is { } user ? await ViewAsync(user) : null;

    /// <summary>A new account. Without a password, a one-time password comes back, to be changed at first sign-in.</summary>
    public async Task<AccountChange> CreateAsync(string? userName, string? role, string? password, AuditActor actor)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(userName) || userName.Length > 64 || userName.Any(c => !UserNameCharacters.Contains(c)))
            errors["userName"] = [$"A user name is {UserNameRule}."];
        if (!OperatorRoles.IsRole(role)) errors["role"] = [$"The role is one of {string.Join(", ", OperatorRoles.All)}."];
        if (errors.Count > 0) return AccountChange.Invalid(errors);
        if (await users.FindByNameAsync(userName!) is not null) return AccountChange.Refused($"The user name {userName} is taken.");
        var oneTime = password is null ? NewPassword() : null;
        var user = new OperatorUser { UserName = userName, MustChangePassword = oneTime is not null, CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, password ?? oneTime!);
        if (!created.Succeeded)
            return created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName))
                ? AccountChange.Refused($"The user name {userName} is taken.")
                : AccountChange.Invalid(new()
                {
                    [password is null ? "userName" : "password"] = created.Errors.Select(e => e.Description).ToArray(),
                });
        await EnsureRolesAsync();
        await users.AddToRoleAsync(user, role!);
        await audit.RecordAsync(actor, AuditAction.AccountCreated, null, $"{userName} ({role})");
        return AccountChange.Done(await ViewAsync(user), oneTime);
    }

    /// <summary>A new role, or disabled / enabled. Disabling changes the security stamp: the account's sessions end
    /// within seconds on every instance, and its tokens stop working as their lookups expire.</summary>
    public async Task<AccountChange> ChangeAsync(string userName, string? role, bool? disabled, AuditActor actor)
    {
        if (role is not null && !OperatorRoles.IsRole(role))
            return AccountChange.Invalid(new() { ["role"] = [$"The role is one of {string.Join(", ", OperatorRoles.All)}."] });
        if (await users.FindByNameAsync(userName) is not { } user) return AccountChange.Missing();
        var current = (await users.GetRolesAsync(user)).FirstOrDefault();
        var losesAdmin = current == OperatorRoles.Admin && ((role is not null && role != OperatorRoles.Admin) || disabled == true);
        if (losesAdmin && (await users.GetUsersInRoleAsync(OperatorRoles.Admin)).Count(u => !u.Disabled) <= 1)
            return AccountChange.Refused("This is the last enabled admin: make another admin first.");
        var changes = new List<string>();
        if (role is not null && role != current)
        {
            if (current is not null) await users.RemoveFromRoleAsync(user, current);
            await EnsureRolesAsync();
            await users.AddToRoleAsync(user, role);
            changes.Add($"role {current} -> {role}");
        }
        if (disabled is { } off && off != user.Disabled)
        {
            user.Disabled = off;
            await users.UpdateAsync(user);
            changes.Add(off ? "disabled" : "enabled");
        }
        if (changes.Count > 0)
        {
            await users.UpdateSecurityStampAsync(user); // sessions re-read the account within seconds
            await audit.RecordAsync(actor, AuditAction.AccountChanged, null, $"{userName}: {string.Join(", ", changes)}");
        }
        return AccountChange.Done(await ViewAsync(user), null);
    }

    /// <summary>At first start, with no account yet: the first admin (a generated password is returned, to be printed).</summary>
    public async Task<string?> SeedFirstAdminAsync(string userName, string? password)
    {
        await EnsureRolesAsync();
        if (await users.Users.AnyAsync()) return null;
        var generated = string.IsNullOrEmpty(password) ? NewPassword() : null;
        var admin = new OperatorUser { UserName = userName, CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(admin, password ?? generated!);
        // no other instance seeds meanwhile (FirstAdmin holds the lock): a refusal is a configuration error
        if (!created.Succeeded)
            throw new InvalidOperationException("The first admin could not be created (FlashSale__OperatorUser / " +
                $"FlashSale__OperatorPassword): {string.Join(" ", created.Errors.Select(e => e.Description))}");
        await users.AddToRoleAsync(admin, OperatorRoles.Admin);
        log.LogInformation("Created the first admin account {User}", userName);
        return generated;
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var role in OperatorRoles.All)
        {
            // (FirstAdmin holds DatabaseLock.FirstAdmin: no other instance adds them meanwhile)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }
    }

    private async Task<AccountView> ViewAsync(OperatorUser user) =>
        new(user.UserName!, (await users.GetRolesAsync(user)).FirstOrDefault() ?? "", user.Disabled, user.TwoFactorEnabled,
            user.MustChangePassword, user.CreatedAt);

    /// <summary>A random password: 20 characters from 120 random bits.</summary>
    public static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');
}

/// <summary>{"userName","role","disabled","twoFactor","mustChangePassword","createdAt"}: an account as admins see it.</summary>
public sealed record AccountView(string UserName, string Role, bool Disabled, bool TwoFactor, bool MustChangePassword,
    DateTimeOffset CreatedAt);

/// <summary>What an account change came to.</summary>
public sealed record AccountChange(AccountChangeStatus Status, AccountView? Account, string? OneTimePassword,
    Dictionary<string, string[]> Errors, string? Why)
{
    public static AccountChange Done(AccountView account, string? oneTime) => new(AccountChangeStatus.Done, account, oneTime, [], null);
    public static AccountChange Invalid(Dictionary<string, string[]> errors) => new(AccountChangeStatus.Invalid, null, null, errors, null);
    public static AccountChange Refused(string why) => new(AccountChangeStatus.Conflict, null, null, [], why);
    public static AccountChange Missing() => new(AccountChangeStatus.NotFound, null, null, [], null);
}

public enum AccountChangeStatus { Done, Invalid, Conflict, NotFound }
