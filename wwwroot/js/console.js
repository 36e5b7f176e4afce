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

  Blazor.start({
    circuit: {
      reconnectionOptions: {
        maxRetries: 120,
        retryIntervalMilliseconds: (attempt) => (attempt < 30 ? 1000 : 5000),
      },
    },
  });
})();
