namespace FlashSaleUI.Core.Members;

/// <summary>Why a ticket was or was not accepted (the caller answers 401 for all but Valid; the reason is logged and tested).</summary>
public enum TicketCheck { Valid, Malformed, UnknownKey, BadSignature, Expired }
