using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlashSaleUI.Core.Events;

/// <summary>Enums travel as camelCase strings ("soldOut"), as the API's JSON is camelCase.</summary>
public sealed class CamelCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.CamelCase) where T : struct, Enum;
