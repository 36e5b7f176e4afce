using FlashSaleUI.Core.Audit;
using FlashSaleUI.Core.Events;
using FlashSaleUI.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace FlashSaleUI.Api;

/// <summary>{"add": n}: stock to add to a sale.</summary>
public sealed record TopUpRequest(long? Add);
