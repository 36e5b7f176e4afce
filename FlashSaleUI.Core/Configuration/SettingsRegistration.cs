using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Core.Configuration;

public static class SettingsRegistration
{
    /// <summary>Binds <typeparamref name="TOptions"/> to its configuration section and checks its ranges when the app
    /// starts: a bad value stops the start with a message naming the setting and what it allows.</summary>
    public static IServiceCollection AddSettings<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new SettingRanges<TOptions>(section));
        return services;
    }
}
