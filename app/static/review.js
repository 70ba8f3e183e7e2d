// Review controls of the document page: confirm, reject (with an optional reason), edit or add a position or
// a guarantee, each sent to POST /review/* (a guarantee's to /review/guarantees/*) with the reviewer's key
// (entered once, kept in sessionStorage for this tab). Keys: j/k next/previous position or guarantee,
// c confirm, x reject, e edit. Any sentence of the text (span.sentence, or Enter on it) opens the add form for
// it (a position's; "a guarantee instead" switches). Every text shown is set as text.
(function () {
  'use strict';
  const list = document.getElementById('positions');
  if (!list) return;
  const STORE = 'peacegraph.reviewKey';
  const keyInput = document.getElementById('review-key');
  const message = document.getElementById('review-message');
  const form = document.getElementById('review-edit');
  const gform = document.getElementById('review-guarantee-edit');
  const verbs = JSON.parse(list.dataset.verbs || '{}');
  const items = () => Array.from(list.querySelectorAll('li[data-key]'));
  const isGuarantee = (li) => !!li && li.dataset.subject === 'guarantee';
  const pathOf = (li, decision) => (isGuarantee(li) ? 'guarantees/' : '') + decision;
  let current = -1;
  let editing = null; // the position the edit/add form is for

  keyInput.value = sessionStorage.getItem(STORE) || '';
  keyInput.addEventListener('change', () => sessionStorage.setItem(STORE, keyInput.value.trim()));
  document.getElementById('review-key-form').addEventListener('submit', (ev) => ev.preventDefault());

  function say(text, bad) {
    message.textContent = text;
    message.classList.toggle('bad', !!bad);
  }

  function select(n) {
    const all = items();
    if (!all.length) return;
    current = Math.max(0, Math.min(all.length - 1, n));
    all.forEach((li, i) => li.classList.toggle('selected', i === current));
    all[current].scrollIntoView({ block: 'nearest' });
    all[current].focus({ preventScroll: true });
  }

  function selected() {
    const all = items();
    return current >= 0 && current < all.length ? all[current] : null;
  }

  async function send(path, body) {
    const key = (keyInput.value || '').trim();
    if (!key) {
      say('Enter your reviewer key first.', true);
      keyInput.focus();
      return null;
    }
    sessionStorage.setItem(STORE, key);
    const r = await fetch('/review/' + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-API-Key': key },
      body: JSON.stringify(body),
    });
    const data = await r.json().catch(() => ({}));
    if (!r.ok) {
      say(`${r.status}: ${data.detail || data.title || 'the review was not saved'}`, true);
      return null;
    }
    document.getElementById('review-who').textContent = 'reviewing as ' + data.review.reviewer;
    return data;
  }

  function mark(li, data) {
    const edge = data.position || data.guarantee;
    const status = edge.review_status || data.review.decision;
    li.className = li.className.replace(/\breview-\S+/g, '').trim() + ' review-' + status;
    li.dataset.status = status;
    li.querySelector('.badge.status').textContent = status;
    say(`${data.review.decision} saved (${li.querySelector('.heading').textContent}).`);
  }

  async function decide(li, decision) {
    const body = Object.assign({}, JSON.parse(li.dataset.key));
    const reason = li.querySelector('input.reason').value.trim();
    if (reason) body.reason = reason;
    const data = await send(pathOf(li, decision), body);
    if (data) mark(li, data);
  }

  function openGuaranteeForm(li, mode, sentence, quote) {
    form.hidden = true;
    gform.hidden = false;
    gform.dataset.mode = mode;
    editing = li;
    gform.reset();
    gform.elements.sentence.value = sentence;
    gform.elements.quote.value = quote || '';
    gform.querySelectorAll('.add-field').forEach((f) => { f.hidden = mode !== 'add'; });
    if (mode === 'add') gform.elements.status.options[0].textContent = '(choose)';
    else gform.elements.status.options[0].textContent = '(unchanged)';
    document.getElementById('review-guarantee-edit-title').textContent =
      mode === 'add' ? `Add a guarantee on sentence ${sentence}` : 'Edit: ' + li.querySelector('.heading').textContent;
    if (li) li.after(gform);
    else list.before(gform);
    gform.scrollIntoView({ block: 'nearest' });
    if (mode === 'add') gform.elements.guarantor.focus();
    else gform.elements.status.focus();
  }

  function openForm(li, mode, sentence, quote) {
    if (mode === 'edit' && isGuarantee(li)) { openGuaranteeForm(li, mode, sentence, quote); return; }
    gform.hidden = true;
    form.hidden = false;
    form.dataset.mode = mode;
    editing = li;
    form.reset();
    form.elements.sentence.value = sentence;
    form.elements.quote.value = quote || '';
    form.querySelectorAll('.add-field').forEach((f) => { f.hidden = mode !== 'add'; });
    document.getElementById('review-edit-title').textContent =
      mode === 'add' ? `Add a position on sentence ${sentence}` : 'Edit: ' + li.querySelector('.heading').textContent;
    if (li) li.after(form);
    else list.before(form); // a sentence nothing was extracted from: the form heads the list
    form.scrollIntoView({ block: 'nearest' });
    form.elements.actor.focus();
  }

  const text = document.getElementById('doc-text');
  function addOn(span) {
    text.querySelectorAll('span.sentence.selected').forEach((s) => s.classList.remove('selected'));
    span.classList.add('selected');
    openForm(null, 'add', span.dataset.sentence, span.textContent);
  }
  if (text) {
    text.addEventListener('click', (ev) => {
      const span = ev.target.closest('span.sentence');
      if (span) addOn(span);
    });
    text.addEventListener('keydown', (ev) => {
      const span = ev.target.closest && ev.target.closest('span.sentence');
      if (span && ev.key === 'Enter') { ev.preventDefault(); addOn(span); }
    });
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = form.elements;
    const li = editing;
    const conditions = f.conditional_on.value.split(',').map((s) => s.trim()).filter(Boolean);
    let data;
    if (form.dataset.mode === 'add') {
      data = await send('add', {
        doc: list.dataset.doc, sentence: Number(f.sentence.value), actor: f.actor.value.trim(),
        relation: f.relation.value || 'SUPPORTS', term: f.term.value.trim(), quote: f.quote.value,
        conditional_on: conditions.length ? conditions : null, reason: f.reason.value.trim() || null,
      });
      if (data) say(`added: ${data.position.actor} ${data.position.relation} ${data.position.term} (reload to see it in place)`);
    } else {
      const set = {};
      if (f.actor.value.trim()) set.actor = f.actor.value.trim();
      if (f.relation.value) set.relation = f.relation.value;
      if (f.term.value.trim()) set.term = f.term.value.trim();
      if (conditions.length) set.conditional_on = conditions;
      data = await send('edit', Object.assign(JSON.parse(li.dataset.key), { set, reason: f.reason.value.trim() || null }));
      if (data) {
        mark(li, data);
        li.querySelector('.heading').textContent =
          `${data.position.actor_name || data.position.actor} ${data.position.relation.toLowerCase()} ${data.position.term_label || data.position.term}`;
      }
    }
    if (data) form.hidden = true;
  });
  document.getElementById('review-edit-cancel').addEventListener('click', () => { form.hidden = true; });
  document.getElementById('review-add-guarantee').addEventListener('click', () => {
    openGuaranteeForm(editing, 'add', form.elements.sentence.value, form.elements.quote.value);
  });
  document.getElementById('review-add-position').addEventListener('click', () => {
    openForm(editing, 'add', gform.elements.sentence.value, gform.elements.quote.value);
  });
  document.getElementById('review-guarantee-edit-cancel').addEventListener('click', () => { gform.hidden = true; });

  gform.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = gform.elements;
    const li = editing;
    const scope = f.scope.value.trim() || null;
    let data;
    if (gform.dataset.mode === 'add') {
      if (!f.status.value) { say('Choose the guarantee\'s status.', true); f.status.focus(); return; }
      data = await send('guarantees/add', {
        doc: list.dataset.doc, sentence: Number(f.sentence.value), guarantor: f.guarantor.value.trim(),
        beneficiary: f.beneficiary.value.trim(), status: f.status.value, scope, quote: f.quote.value,
        reason: f.reason.value.trim() || null,
      });
      if (data) {
        const g = data.guarantee;
        say(`added: ${g.guarantor} ${g.status} for ${g.beneficiary} (reload to see it in place)`);
      }
    } else {
      const set = {};
      if (f.guarantor.value.trim()) set.guarantor = f.guarantor.value.trim();
      if (f.beneficiary.value.trim()) set.beneficiary = f.beneficiary.value.trim();
      if (f.status.value) set.status = f.status.value;
      if (scope) set.scope = scope;
      data = await send('guarantees/edit',
        Object.assign(JSON.parse(li.dataset.key), { set, reason: f.reason.value.trim() || null }));
      if (data) {
        mark(li, data);
        const g = data.guarantee;
        li.dataset.statusOfEdge = g.status;
        li.querySelector('.heading').textContent = `${g.guarantor_name || g.guarantor} ` +
          `${verbs[g.status] || g.status} ${g.beneficiary_name || g.beneficiary}`;
      }
    }
    if (data) gform.hidden = true;
  });

  async function showHistory(li) {
    const params = new URLSearchParams(JSON.parse(li.dataset.key));
    const r = await fetch('/review/' + pathOf(li, 'history') + '?' + params.toString(),
      { headers: { Accept: 'application/json' } });
    const rows = await r.json();
    let box = li.querySelector('ul.history');
    if (!box) {
      box = document.createElement('ul');
      box.className = 'history';
      li.append(box);
    }
    box.replaceChildren();
    if (!rows.length) box.append(Object.assign(document.createElement('li'), { textContent: 'not reviewed yet' }));
    for (const h of rows) {
      const item = document.createElement('li');
      item.textContent = `${h.at.slice(0, 19)} ${h.reviewer}: ${h.decision}` + (h.reason ? ` — ${h.reason}` : '') +
        (h.orphaned ? ' (orphaned)' : '');
      box.append(item);
    }
  }

  list.addEventListener('click', (ev) => {
    const button = ev.target.closest('button');
    const li = ev.target.closest('li[data-key]');
    if (!button || !li) return;
    current = items().indexOf(li);
    if (button.classList.contains('confirm')) decide(li, 'confirm');
    else if (button.classList.contains('reject')) decide(li, 'reject');
    else if (button.classList.contains('edit')) openForm(li, 'edit', JSON.parse(li.dataset.key).sentence);
    else if (button.classList.contains('history')) showHistory(li);
    else if (button.classList.contains('add') && isGuarantee(li)) {
      openGuaranteeForm(li, 'add', button.dataset.sentence, button.dataset.quote);
    } else if (button.classList.contains('add')) openForm(li, 'add', button.dataset.sentence, button.dataset.quote);
  });

  document.addEventListener('keydown', (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const tag = (ev.target.tagName || '').toLowerCase();
    if (tag === 'input' || tag === 'textarea' || tag === 'select') return;
    const li = selected();
    if (ev.key === 'j') select(current + 1);
    else if (ev.key === 'k') select(current - 1);
    else if (ev.key === 'c' && li) decide(li, 'confirm');
    else if (ev.key === 'x' && li) decide(li, 'reject');
    else if (ev.key === 'e' && li) openForm(li, 'edit', JSON.parse(li.dataset.key).sentence);
    else return;
    ev.preventDefault();
  });
})();
