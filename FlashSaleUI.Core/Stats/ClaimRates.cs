namespace FlashSaleUI.Core.Stats;

/// <summary>Attempts per second by outcome, from two consecutive samples.</summary>
public sealed record ClaimRates(double Issued, double Duplicate, double SoldOut, double NotOpen)
{
    public static readonly ClaimRates Zero = new(0, 0, 0, 0);
    public double Total => Issued + Duplicate + SoldOut + NotOpen;
}
