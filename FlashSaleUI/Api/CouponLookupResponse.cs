using System.Text;
using FlashSaleUI.Core.Coupons;
using FlashSaleUI.Core.Events;
using FlashSaleUI.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace FlashSaleUI.Api;

/// <summary>{"status":"issued","couponCode":"..."}: a member's stored coupon.</summary>
public sealed record CouponLookupResponse(string Status, string CouponCode);
