using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Core.Configuration;

/// <summary>Checks an options class's <see cref="RangeAttribute"/>s, nested option objects included, and names each
/// bad value as it is set (<c>Pipeline__SinkBatch is -5: it must be between 1 and 100000</c>), so a wrong setting stops
/// the app at start instead of being clamped.</summary>
public sealed class SettingRanges<TOptions>(string section) : IValidateOptions<TOptions> where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = new List<string>();
        Check(options, section.Replace(":", "__"), failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(object options, string prefix, List<string> failures)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite || property.GetIndexParameters().Length > 0) continue;
            var value = property.GetValue(options);
            var setting = $"{prefix}__{property.Name}";
            if (property.GetCustomAttribute<RangeAttribute>() is { } range && !range.IsValid(value))
                failures.Add($"{setting} is {value}: it must be between {range.Minimum} and {range.Maximum}.");
            else if (value is not null && property.PropertyType.Namespace?.StartsWith("FlashSaleUI", StringComparison.Ordinal) == true
                     && property.PropertyType.IsClass)
                Check(value, setting, failures);
        }
    }
}
