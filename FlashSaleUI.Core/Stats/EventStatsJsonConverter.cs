using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlashSaleUI.Core.Stats;

/// <summary>Writes <see cref="EventStats"/> as the hub's flat "stats" message: the event object's fields (as the API
/// returns them), then outcomes, rates, outboxBacklog and sampledAt. Only ever sent, never read.</summary>
public sealed class EventStatsJsonConverter : JsonConverter<EventStats>
{
    public override EventStats Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The stats message is sent by the server, not read.");

    public override void Write(Utf8JsonWriter writer, EventStats value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var field in JsonSerializer.SerializeToElement(value.Event, options).EnumerateObject()) field.WriteTo(writer);
        Write(writer, nameof(EventStats.Outcomes), value.Outcomes, options);
        Write(writer, nameof(EventStats.Rates), value.Rates, options);
        Write(writer, nameof(EventStats.OutboxBacklog), value.OutboxBacklog, options);
        Write(writer, nameof(EventStats.SampledAt), value.SampledAt, options);
        writer.WriteEndObject();
    }

    private static void Write<T>(Utf8JsonWriter writer, string name, T value, JsonSerializerOptions options)
    {
        writer.WritePropertyName(options.PropertyNamingPolicy?.ConvertName(name) ?? name);
        JsonSerializer.Serialize(writer, value, options);
    }
}
