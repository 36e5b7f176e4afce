using FlashSaleUI.Core.Configuration;
using FlashSaleUI.Security.Operators;

namespace FlashSaleUI.Tests.Unit;

/// <summary>The settings' rules as the start checks them: each bad value named as it is set, nested sections
/// included; single sign-on's rules between settings.</summary>
public class SettingRulesTests
{
    [Fact]
    public void Every_value_out_of_range_is_named_as_it_is_set_nested_sections_included()
    {
        var options = new FlashSaleOptions { HubMaxConnections = 0, RateLimit = new RateLimitOptions { PerMemberPermits = 0 } };
        var result = new SettingRanges<FlashSaleOptions>("FlashSale").Validate(null, options);
        Assert.True(result.Failed);
        Assert.Equal(
            ["FlashSale__HubMaxConnections is 0: it must be between 1 and 10000000.",
             "FlashSale__RateLimit__PerMemberPermits is 0: it must be between 1 and 1000000000."],
            result.Failures!.Order());
        Assert.True(new SettingRanges<FlashSaleOptions>("FlashSale").Validate(null, new FlashSaleOptions()).Succeeded);
    }

    [Fact]
    public void Single_sign_on_needs_a_client_id_and_groups_mapped_to_roles_that_exist()
    {
        var rules = new OperatorsOidcOptionsValidation();
        Assert.True(rules.Validate(null, new OperatorsOidcOptions()).Succeeded); // off: nothing to check
        var wrong = rules.Validate(null, new OperatorsOidcOptions
        {
            Authority = "https://id.example", Roles = new() { ["superuser"] = "admins" },
        });
        Assert.Contains(wrong.Failures!, f => f.StartsWith("Operators__Oidc__ClientId is required"));
        Assert.Contains(wrong.Failures!, f => f.StartsWith("Operators__Oidc__Roles__superuser: there is no role superuser"));
        Assert.True(rules.Validate(null, new OperatorsOidcOptions
        {
            Authority = "https://id.example", ClientId = "console", Roles = new() { ["operator"] = "ops" },
        }).Succeeded);
    }
}
