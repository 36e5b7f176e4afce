using System.Text.Json.Serialization;
using FlashSaleUI.Core.Claims;
using FlashSaleUI.Core.Events;
using FlashSaleUI.Security;

namespace FlashSaleUI.Api;

public sealed record ClaimRequest(string? MemberId);
