namespace FlashSaleUI.Core.Claims;

public enum ClaimStatus
{
    Issued,
    Duplicate,
    SoldOut,
    NotFound,
    NotOpen,
}
