// The demo shop's own script. The first line is edgeref's queue stub, so the page may call
// edgeref(...) before widget.js (loaded async) has arrived.
window.edgeref = window.edgeref || function () { (window.edgeref.q = window.edgeref.q || []).push(arguments); };

function reportToEdgeref(details) {
  return new Promise((resolve) => {
    const done = (e) => resolve(e ? e.detail : { ok: false, status: 0, timeout: true });
    window.addEventListener('edgeref:signup', done, { once: true });
    setTimeout(() => done(null), 8000);
    window.edgeref('signup', details);
  });
}

function money(m) {
  return new Intl.NumberFormat('en', { style: 'currency', currency: m.currency }).format(m.amount / 100);
}

async function showAccount(customerId) {
  document.getElementById('join').hidden = true;
  const section = document.getElementById('account');
  section.hidden = false;
  section.querySelector('[data-testid="customer-id"]').textContent = customerId;
  // Paying now names the shop's account to the checkout: edgeref knows it from the signup.
  document.querySelectorAll('#subscribe [name="customer"]').forEach((input) => { input.value = customerId; });
  const res = await fetch('/account/' + encodeURIComponent(customerId));
  const credit = section.querySelector('[data-testid="credit"]');
  const list = section.querySelector('[data-testid="credit-entries"]');
  if (!res.ok) {
    credit.textContent = money({ amount: 0, currency: 'EUR' });
    return;
  }
  const account = await res.json();
  credit.textContent = money(account.balance);
  list.replaceChildren(...account.entries.map((e) => {
    const li = document.createElement('li');
    li.textContent = money(e.amount) + ': ' + e.reason;
    return li;
  }));
}

document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('signup-form');
  if (!form) return; // another page of the shop
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const email = String(data.get('email'));
    const promoCode = String(data.get('promoCode') || '').trim();
    const error = document.getElementById('signup-error');
    error.textContent = '';
    const res = await fetch('/signup', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email }) });
    const { customerId } = await res.json();
    const result = await reportToEdgeref({ customerId, email, promoCode: promoCode || undefined });
    if (result && !result.ok && result.body && result.body.error) error.textContent = result.body.error.message;
    await showAccount(customerId);
  });
});

// The account page: identify the signed-in customer with the token the shop's server signed, then open the panel.
document.addEventListener('DOMContentLoaded', () => {
  const refer = document.getElementById('refer');
  if (!refer) return;
  window.edgeref('identify', { customerId: refer.dataset.customerId, token: refer.dataset.customerToken });
  refer.addEventListener('click', () => window.edgeref('open'));
});
