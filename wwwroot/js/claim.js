// The member claim page: posts the claim to the API and shows the server-rendered message for the answer, and
// keeps the remaining count live by reading the event once a second. No Blazor circuit, no socket per member.
(() => {
  const root = document.getElementById('claim');
  const code = root.dataset.code;
  const form = document.getElementById('claim-form');
  const memberInput = document.getElementById('member');
  const button = document.getElementById('claim-button');
  const result = document.getElementById('claim-result');
  const remaining = document.getElementById('remaining');
  const lookupButton = document.getElementById('lookup-button');
  // answers carry their outcome as a word in "status" ("issued", "unavailable", ...); a problem details body carries
  // a number there instead: a 400 is a validation problem, anything else the generic message
  const outcomeOf = (response, body) => typeof body.status === 'string' ? body.status
    : response.status === 400 ? 'invalid' : response.status === 503 ? 'unavailable' : 'networkError';

  memberInput.value = localStorage.getItem('flashsale.member') || '';

  function show(outcome, fill) {
    const template = document.querySelector(`template[data-outcome="${outcome}"]`)
      || document.querySelector('template[data-outcome="networkError"]');
    const message = template.content.firstElementChild.cloneNode(true);
    message.querySelectorAll('[data-member]').forEach(e => e.textContent = fill.member || '');
    if (fill.remaining !== undefined) {
        message.querySelectorAll('[data-remaining]').forEach(e => e.textContent = fill.remaining.toLocaleString());
    }
    if (fill.couponCode) message.querySelectorAll('[data-coupon]').forEach(e => e.textContent = fill.couponCode);
    if (fill.retry) message.querySelectorAll('[data-retry]').forEach(e => e.textContent = fill.retry);
    message.querySelectorAll('time[datetime]').forEach(t => t.textContent = new Date(t.dateTime).toLocaleString());
    result.replaceChildren(message);
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const member = memberInput.value.trim();
    localStorage.setItem('flashsale.member', member);
    button.disabled = true;
    button.textContent = 'Claiming…';
    try {
      const response = await fetch(`/api/events/${encodeURIComponent(code)}/claims`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ memberId: member }),
      });
      const body = await response.json().catch(() => ({}));
      show(outcomeOf(response, body), { member, remaining: body.remaining, couponCode: body.couponCode,
        retry: response.headers.get('Retry-After') });
      if (body.remaining !== undefined) remaining.textContent = body.remaining.toLocaleString();
    } catch {
      show('networkError', { member });
    } finally {
      button.disabled = false;
      button.textContent = 'Claim my coupon';
    }
  });

  lookupButton.addEventListener('click', async () => {
    const member = memberInput.value.trim();
    if (!member) { memberInput.reportValidity(); return; }
    localStorage.setItem('flashsale.member', member);
    lookupButton.disabled = true;
    try {
      const response = await fetch(`/api/events/${encodeURIComponent(code)}/claims/${encodeURIComponent(member)}`);
      const body = await response.json().catch(() => ({}));
      const outcome = response.status === 200 ? 'found' : response.status === 404 ? 'notStored' : outcomeOf(response, body);
      show(outcome, { member, couponCode: body.couponCode, retry: response.headers.get('Retry-After') });
    } catch {
      show('networkError', { member });
    } finally {
      lookupButton.disabled = false;
    }
  });

  // The live remaining count: the shared event read once a second (the server answers it from memory, at most
  // 250 ms old), paused while the page is hidden. A SignalR socket per member cost far more: docs/SCALING.md.
  const live = document.getElementById('live');
  const badge = document.querySelector('.state-line .state');
  const stateLabels = JSON.parse(root.dataset.stateLabels || '{}'); // StateBadge.razor's, rendered into the page
  const update = (sale) => {
    remaining.textContent = sale.remaining.toLocaleString();
    root.dataset.state = sale.state;
    badge.textContent = stateLabels[sale.state] || sale.state;
    badge.className = `state state-${sale.state.toLowerCase()}`;
  };
  async function poll() {
    if (document.visibilityState === 'visible') {
      try {
        const response = await fetch(`/api/events/${encodeURIComponent(code)}`, { cache: 'no-store' });
        if (!response.ok) throw new Error(response.status);
        update(await response.json());
        live.classList.add('on');
        live.classList.remove('off');
      } catch {
        live.classList.add('off');
        live.classList.remove('on');
      }
    }
    setTimeout(poll, 1000);
  }
  poll();
})();
