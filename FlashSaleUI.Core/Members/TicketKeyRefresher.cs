using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Core.Members;

/// <summary>Reads the ticket keys every <see cref="MembersOptions.TicketKeyRefresh"/> and rotates them when due. While
/// PostgreSQL is unreachable the keys read last go on signing and verifying.</summary>
public sealed class TicketKeyRefresher(TicketKeyRing keys, IOptionsMonitor<MembersOptions> options, TimeProvider clock,
    ILogger<TicketKeyRefresher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.CurrentValue.TicketKeyRefresh, clock, stoppingToken);
                await keys.RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Reading the member ticket keys failed; the keys read last stay in use");
            }
        }
    }
}
