namespace FlashSaleUI.Api;

/// <summary>{"add": n}: stock to add to a sale.</summary>
public sealed record TopUpRequest(long? Add);
