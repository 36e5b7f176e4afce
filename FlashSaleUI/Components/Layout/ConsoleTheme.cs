using MudBlazor;

namespace FlashSaleUI.Components.Layout;

/// <summary>The console's colours, light and dark; wwwroot/css/app.css gives the member page the same ones.</summary>
public static class ConsoleTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#d32f2f",
            Secondary = "#1565c0",
            Success = "#2e7d32",
            Warning = "#ef6c00",
            Error = "#b71c1c",
            AppbarBackground = "#1b2330",
            Background = "#f5f7fb",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#ef5350",
            Secondary = "#64b5f6",
            Success = "#66bb6a",
            Warning = "#ffa726",
            Error = "#ef5350",
            AppbarBackground = "#10151d",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
