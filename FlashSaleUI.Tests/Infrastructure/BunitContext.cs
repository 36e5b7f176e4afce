// bunit 1.9.8 on .NET 10: bunit.web's TestContext creates BunitJSInterop, whose runtime implements
// IJSUnmarshalledRuntime (removed in .NET 9) -> TypeLoadException. This context derives from bunit.core's
// TestContextBase and registers bunit.web's default services minus BunitJSInterop (docs/DEPENDENCIES.md).
using System.Collections.Concurrent;
using Bunit;
using Bunit.Diffing;
using Bunit.Extensions;
using Bunit.Rendering;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace FlashSaleUI.Tests.Infrastructure;

public abstract class BunitContext : TestContextBase
{
    public LooseJSRuntime JSRuntime { get; } = new();

    protected BunitContext()
    {
        Services.AddLogging();
        Services.AddSingleton<IJSRuntime>(JSRuntime);
        Services.AddSingleton<FakeNavigationManager>();
        Services.AddSingleton<NavigationManager>(s => s.GetRequiredService<FakeNavigationManager>());
        Services.AddSingleton<TestContextBase>(this);
        Services.AddSingleton<WebTestRenderer>();
        Services.AddSingleton<Renderer>(s => s.GetRequiredService<WebTestRenderer>());
        Services.AddSingleton<ITestRenderer>(s => s.GetRequiredService<WebTestRenderer>());
        Services.AddSingleton<HtmlComparer>();
        Services.AddSingleton<BunitHtmlParser>();
        Services.AddSingleton<IRenderedComponentActivator, RenderedComponentActivator>();
    }

    public IRenderedComponent<TComponent> RenderComponent<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        var fragment = new ComponentParameterCollectionBuilder<TComponent>(parameters ?? (_ => { })).Build().ToRenderFragment<TComponent>();
        return (IRenderedComponent<TComponent>)this.RenderInsideRenderTree<TComponent>(fragment);
    }
}

/// <summary>Loose IJSRuntime: records calls and returns default(T), or a new instance for classes with a
/// parameterless constructor (Radzen dereferences what some calls return).</summary>
public sealed class LooseJSRuntime : IJSRuntime
{
    public ConcurrentQueue<string> Invocations { get; } = new();

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
    {
        Invocations.Enqueue(identifier);
        var t = typeof(TValue);
        object? result = t.IsClass && t != typeof(string) && t.GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance(t) : default(TValue);
        return ValueTask.FromResult((TValue)result!);
    }

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
        InvokeAsync<TValue>(identifier, args);
}
