using FlashSaleUI;
using FlashSaleUI.Api;
using FlashSaleUI.Components;
using FlashSaleUI.Core;
using FlashSaleUI.Core.Configuration;
using FlashSaleUI.Hubs;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["FLASHSALE_URLS"] ?? builder.Configuration["urls"] ?? "http://127.0.0.1:5000");

builder.Services.AddFlashSaleCore()   // claims, events, coupons, live stats, pipeline, health
    .AddWebSecurity(builder.Configuration)
    .AddJsonApi()
    .AddConsoleAndMemberPage()
    .AddLiveUpdates()
    .AddMetricsExport(builder.Configuration);

var app = builder.Build();
if (SettingsCheck.Failures(app.Services) is { Count: > 0 } wrong)
{
    Console.Error.WriteLine("FlashSaleUI cannot start with these settings:\n  " + string.Join("\n  ", wrong));
    return 2;
}
try { await app.Services.InitializeFlashSaleAsync(); }
catch (TicketKeysUnreadableException unreadable)
{
    Console.Error.WriteLine("FlashSaleUI cannot start: " + unreadable.Message);
    return 2;
}
await app.Services.SeedFirstAdminAsync(app.Configuration);

app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment()) app.UseHsts(); // sent on HTTPS responses only
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCrossSiteRequestGuard();
// A member's claim and ticket request carry no operator credentials and need none: they skip the authentication
// handlers (the sale's hot path does no handler's work; the endpoints require no authorization and check the
// member's ticket or the identity provider's token themselves).
app.UseAuthenticationExcept(http => ClaimsEndpoints.IsClaim(http.Request) || MemberTicketsEndpoints.IsTicketRequest(http.Request)
    || http.Request.Path.StartsWithSegments("/bench")); // (the benchmark's baseline, mapped only there: as the claim)
app.UseMustChangePasswordGate();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.UseWebSockets();

app.MapOpenApi();
app.MapHealth();
app.MapMetricsExport();
app.MapEventsApi();
app.MapMemberTickets();
app.MapClaimsApi();
app.MapUncheckedClaimsForBenchmarks();
app.MapCouponsApi();
app.MapTokensApi();
app.MapAccountsApi();
app.MapPipelineApi();
app.MapAccount();
app.MapMemberPage();
app.MapHub<SalesHub>(SalesHub.Path);
app.MapStaticAssets();
// our own policy (SecurityHeaders) already says frame-ancestors 'none'; Blazor's default would add a second header
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
app.MapGet("/", () => Results.Redirect("/operator")).ExcludeFromDescription();

app.Run();
return 0;

public partial class Program;
