using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Core.Configuration;

public static class SettingsCheck
{
    /// <summary>Every registered settings rule (AddSettings, and the other ValidateOnStart options), checked before the
    /// app does anything: what is wrong, one message per setting, or nothing.</summary>
    public static IReadOnlyList<string> Failures(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures.ToList();
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            return e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures).ToList();
        }
    }
}
