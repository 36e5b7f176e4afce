namespace FlashSaleUI.Core.Events;

public enum CreateEventStatus { Created, Invalid, Conflict }
