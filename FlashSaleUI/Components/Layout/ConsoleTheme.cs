using MudBlazor;

namespace FlashSaleUI.Components.Layout;

/// <summary>The console's colours, light and dark; wwwroot/css/app.css gives the member page the same ones.</summary>
public static class ConsoleTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = Coloured(new PaletteLight { Background = "#f5f7fb" }, dark: false),
        PaletteDark = Coloured(new PaletteDark(), dark: true),
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };

    // each role's light and dark colour side by side: a change to one is made beside the other
    private static T Coloured<T>(T palette, bool dark) where T : Palette
    {
        palette.Primary = dark ? "#ef5350" : "#d32f2f";
        palette.Secondary = dark ? "#64b5f6" : "#1565c0";
        palette.Success = dark ? "#66bb6a" : "#2e7d32";
        palette.Warning = dark ? "#ffa726" : "#ef6c00";
        palette.Error = dark ? "#ef5350" : "#b71c1c";
        palette.AppbarBackground = dark ? "#10151d" : "#1b2330";
        return palette;
    }
}
