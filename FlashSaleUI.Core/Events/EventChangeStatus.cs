namespace FlashSaleUI.Core.Events;

public enum EventChangeStatus { Changed, NotFound, Invalid, Conflict }
