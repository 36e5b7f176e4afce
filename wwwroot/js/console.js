// The console's start-up (loaded after blazor.web.js, which is told not to start by itself):
// - reconnect quickly: an operator watching a sale wants the numbers back within a second or two of the server,
//   and there are only a handful of operators, so frequent retries cost nothing;
// - drive the reconnect dialog (Components/Layout/ReconnectModal.razor) from components-reconnect-state-changed.
(() => {
  const dialog = document.getElementById('components-reconnect-modal');

  async function retry() {
    document.removeEventListener('visibilitychange', retryWhenVisible);
    try {
      // true: rejoined; false: the server answered but no longer knows this circuit (it restarted)
      if (!await Blazor.reconnect()) location.reload();
    } catch {
      document.addEventListener('visibilitychange', retryWhenVisible); // server still away
    }
  }

  function retryWhenVisible() {
    if (document.visibilityState === 'visible') retry();
  }

  if (dialog) {
    dialog.addEventListener('components-reconnect-state-changed', (event) => {
      switch (event.detail.state) {
        case 'show': if (!dialog.open) dialog.showModal(); break;
        case 'hide': dialog.close(); break;
        case 'failed': document.addEventListener('visibilitychange', retryWhenVisible); break;
        case 'rejected': location.reload(); break;
      }
    });
    document.getElementById('components-reconnect-button').addEventListener('click', retry);
  }

  // Times are rendered in UTC (the server does not know the operator's zone); show them in the browser's zone, with
  // the UTC original kept on hover (title). Blazor re-renders replace the text, so re-apply after every DOM change.
  const localize = () => {
    document.querySelectorAll('time[data-local]').forEach((t) => {
      if (t.dataset.localized === t.dateTime) return;
      const d = new Date(t.dateTime);
      if (isNaN(d)) return;
      t.textContent = d.toLocaleString(undefined, {
        year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
        second: t.dataset.local === 'seconds' ? '2-digit' : undefined,
      });
      t.dataset.localized = t.dateTime;
    });
  };
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; localize(); });
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
  localize();

  window.flashSale = { utcOffsetMinutes: () => -new Date().getTimezoneOffset() };

  Blazor.start({
    circuit: {
      reconnectionOptions: {
        maxRetries: 120,
        retryIntervalMilliseconds: (attempt) => (attempt < 30 ? 1000 : 5000),
      },
    },
  });
})();
