using FlashSaleUI;
using FlashSaleUI.Api;
using FlashSaleUI.Components;
using FlashSaleUI.Core;
using FlashSaleUI.Hubs;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["FLASHSALE_URLS"] ?? builder.Configuration["urls"] ?? "http://127.0.0.1:5000");

builder.Services.AddFlashSaleCore(builder.Configuration)   // claims, events, coupons, live stats, pipeline, health
    .AddWebSecurity(builder.Configuration)
    .AddJsonApi()
    .AddConsoleAndMemberPage()
    .AddLiveUpdates()
    .AddMetricsExport(builder.Configuration);

var app = builder.Build();
await app.Services.InitializeFlashSaleAsync();

app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment()) app.UseHsts(); // sent on HTTPS responses only
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCrossSiteRequestGuard();
// A member's claim carries no operator credentials and needs none: the sale's hot path skips the authentication
// handlers (the claim endpoint requires no authorization, so nothing else changes for it).
app.UseAuthenticationExcept(http => ClaimsEndpoints.IsClaim(http.Request));
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.UseWebSockets();

app.MapOpenApi();
app.MapHealth();
app.MapMetricsExport();
app.MapEventsApi();
app.MapClaimsApi();
app.MapCouponsApi();
app.MapPipelineApi();
app.MapAccount();
app.MapMemberPage();
app.MapHub<SalesHub>(SalesHub.Path);
app.MapStaticAssets();
// our own policy (SecurityHeaders) already says frame-ancestors 'none'; Blazor's default would add a second header
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
app.MapGet("/", () => Results.Redirect("/operator")).ExcludeFromDescription();

app.Services.GetRequiredService<OperatorAccount>().AnnounceGeneratedPassword(app.Logger);
app.Run();

public partial class Program;
