// The console's reconnect dialog (Components/Layout/ReconnectModal.razor), driven by blazor.web.js's
// components-reconnect-state-changed events: show, hide, retrying, failed, rejected.
(() => {
  const dialog = document.getElementById('components-reconnect-modal');
  if (!dialog) return;

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

  dialog.addEventListener('components-reconnect-state-changed', (event) => {
    switch (event.detail.state) {
      case 'show': if (!dialog.open) dialog.showModal(); break;
      case 'hide': dialog.close(); break;
      case 'failed': document.addEventListener('visibilitychange', retryWhenVisible); break;
      case 'rejected': location.reload(); break;
    }
  });
  document.getElementById('components-reconnect-button').addEventListener('click', retry);
})();
