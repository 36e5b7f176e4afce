// The member claim page: signs the member in (local sign-in, or the identity provider, which comes back with the
// ticket in the URL's fragment), keeps the ticket in this browser and sends it as Authorization: Bearer, posts the
// claim and shows the server-rendered message for the answer, and keeps the remaining count live by reading the
// event once a second. No Blazor circuit, no socket per member, no cookie: a cross-site page cannot claim as you.
(() => {
  const root = document.getElementById('claim');
  const code = root.dataset.code;
  const result = document.getElementById('claim-result');
  const remaining = document.getElementById('remaining');
  const signedOut = document.getElementById('signed-out');
  const signedIn = document.getElementById('signed-in');
  const signedInMember = document.getElementById('signed-in-member');
  const localForm = document.getElementById('local-sign-in');
  const memberInput = document.getElementById('member');
  const button = document.getElementById('claim-button');
  const lookupButton = document.getElementById('lookup-button');
  const TICKET = 'flashsale.ticket';
  // answers carry their outcome as a word in "status" ("issued", "unavailable", ...); a problem details body carries
  // a number there instead: a 400 is a validation problem, anything else the generic message
  const outcomeOf = (response, body) => typeof body.status === 'string' ? body.status
    : response.status === 400 ? 'invalid' : response.status === 401 ? 'unauthenticated'
    : response.status === 503 ? 'unavailable' : 'networkError';

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

  // the signed-in member: {ticket, memberId, expiresAt} in this browser, until it expires or the member signs out
  function current() {
    try {
      const saved = JSON.parse(localStorage.getItem(TICKET) || 'null');
      if (saved && saved.ticket && new Date(saved.expiresAt) > new Date()) return saved;
    } catch { /* unreadable: signed out */ }
    localStorage.removeItem(TICKET);
    return null;
  }
  function render() {
    const member = current();
    signedOut.hidden = !!member;
    signedIn.hidden = !member;
    signedInMember.textContent = member ? member.memberId : '';
  }
  function signOut() {
    localStorage.removeItem(TICKET);
    render();
  }

  // back from the identity provider: the ticket (or the failure) is in the fragment, which never reaches a server
  if (location.hash.length > 1) {
    const back = new URLSearchParams(location.hash.slice(1));
    if (back.get('ticket')) {
      localStorage.setItem(TICKET, JSON.stringify(
        { ticket: back.get('ticket'), memberId: back.get('memberId'), expiresAt: back.get('expiresAt') }));
    } else if (back.get('signInError')) {
      show('signInFailed', {});
    }
    history.replaceState(null, '', location.pathname + location.search);
  }
  render();

  localForm?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const memberId = memberInput.value.trim();
    try {
      const response = await fetch('/api/member-tickets', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ memberId }),
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        localStorage.setItem(TICKET, JSON.stringify(body));
        result.replaceChildren();
        render();
      } else {
        show(response.status === 429 ? 'rateLimited' : outcomeOf(response, body),
          { member: memberId, retry: response.headers.get('Retry-After') });
      }
    } catch {
      show('networkError', { member: memberId });
    }
  });
  document.getElementById('sign-out-button').addEventListener('click', () => { signOut(); result.replaceChildren(); });

  // a member call with the ticket; a 401 means the ticket is no longer good: signed out, asked to sign in again
  async function asMember(path, method) {
    const member = current();
    if (!member) { render(); show('unauthenticated', {}); return null; }
    const response = await fetch(path, { method, headers: { Authorization: `Bearer ${member.ticket}` } });
    const body = await response.json().catch(() => ({}));
    if (response.status === 401) signOut();
    return { response, body, member: member.memberId };
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = 'Claiming…';
    try {
      const answer = await asMember(`/api/events/${encodeURIComponent(code)}/claims`, 'POST');
      if (!answer) return;
      const { response, body, member } = answer;
      show(outcomeOf(response, body), { member, remaining: body.remaining, couponCode: body.couponCode,
        retry: response.headers.get('Retry-After') });
      if (body.remaining !== undefined) remaining.textContent = body.remaining.toLocaleString();
    } catch {
      show('networkError', {});
    } finally {
      button.disabled = false;
      button.textContent = 'Claim my coupon';
    }
  });

  lookupButton.addEventListener('click', async () => {
    lookupButton.disabled = true;
    try {
      const answer = await asMember(`/api/events/${encodeURIComponent(code)}/claims/me`, 'GET');
      if (!answer) return;
      const { response, body, member } = answer;
      const outcome = response.status === 200 ? 'found' : response.status === 404 ? 'notStored' : outcomeOf(response, body);
      show(outcome, { member, couponCode: body.couponCode, retry: response.headers.get('Retry-After') });
    } catch {
      show('networkError', {});
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
        const response = await fetch(`/api/events/${encodeURIComponent(code)}`, { cache: 'no-cache' });
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
