// The documents page's "Add documents" form: files (dropped or chosen) and URLs are sent one at a time to
// POST /documents/file and POST /documents/fetch; each gets a line with its progress, its result (what was
// stored, what was skipped and why) and links to the new documents. Everything shown is set as text.
(function () {
  'use strict';
  const form = document.getElementById('upload-form');
  if (!form) return;
  const drop = document.getElementById('drop');
  const picker = document.getElementById('files');
  const urls = document.getElementById('urls');
  const list = document.getElementById('uploads');
  const key = document.getElementById('api-key');
  const refresh = document.getElementById('refresh');
  const accepted = (form.dataset.accept || '').split(',').filter(Boolean);
  let queue = Promise.resolve();

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function entry(kind, name) {
    const li = el('li', 'upload pending');
    li.dataset.name = name;
    li.append(el('span', 'kind', kind), ' ', el('span', 'name', name), ' ');
    const bar = el('progress');
    bar.max = 100;
    const status = el('span', 'status', 'waiting');
    li.append(bar, ' ', status);
    const result = el('div', 'result');
    li.append(result);
    list.append(li);
    return { li, bar, status, result };
  }

  function headers(extra) {
    const h = Object.assign({ Accept: 'application/json' }, extra || {});
    if (key && key.value) h['X-API-Key'] = key.value;
    return h;
  }

  function finish(item, status, body) {
    item.bar.remove();
    item.li.classList.remove('pending');
    if (status >= 200 && status < 300 && body && Array.isArray(body.documents)) {
      const stored = body.documents;
      const skipped = body.skipped || [];
      item.li.classList.add(stored.length ? 'done' : 'failed');
      item.status.textContent = stored.length === 1 ? stored[0].outcome
        : `${stored.length} documents stored` + (skipped.length ? `, ${skipped.length} skipped` : '');
      const docs = el('ul', 'stored');
      for (const d of stored) {
        const li = el('li');
        const a = el('a', 'doc-link', d.title || d.id);
        a.href = '/pages/documents/' + encodeURIComponent(d.id);
        li.append(a, el('span', 'muted', ` — ${d.outcome}, ${d.positions} position${d.positions === 1 ? '' : 's'}, ` +
          `${d.guarantees} guarantee${d.guarantees === 1 ? '' : 's'}`));
        docs.append(li);
      }
      if (stored.length) item.result.append(docs);
      if (skipped.length) {
        const why = el('ul', 'skipped');
        for (const reason of skipped.slice(0, 50)) why.append(el('li', null, 'skipped: ' + reason));
        if (skipped.length > 50) why.append(el('li', null, `… and ${skipped.length - 50} more`));
        item.result.append(why);
      }
      if (stored.length) {
        refresh.hidden = false;
        const empty = document.getElementById('empty');
        if (empty) empty.hidden = true;  // "No documents" is no longer true
      }
      return;
    }
    item.li.classList.add('failed');
    item.status.textContent = 'not stored';
    const detail = body && (body.detail || body.title) ? (body.detail || body.title) : `HTTP ${status}`;
    item.result.append(el('p', 'error', typeof detail === 'string' ? detail : JSON.stringify(detail)));
  }

  function parse(text) {
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  function sendFile(file) {
    const item = entry('file', file.name);
    const suffix = (file.name.match(/\.[^.]+$/) || [''])[0].toLowerCase();
    if (accepted.length && !accepted.includes(suffix)) {
      finish(item, 415, { detail: `${file.name}: cannot read ${suffix || 'files without a suffix'}; ` +
        `add ${accepted.join(', ')} files` });
      return;
    }
    queue = queue.then(() => new Promise((resolve) => {
      item.status.textContent = 'uploading';
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/documents/file?filename=' + encodeURIComponent(file.name));
      const h = headers({ 'Content-Type': 'application/octet-stream' });
      for (const name of Object.keys(h)) xhr.setRequestHeader(name, h[name]);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) item.bar.value = Math.round(100 * e.loaded / e.total);
      };
      xhr.upload.onload = () => {
        item.bar.removeAttribute('value');  // indeterminate while the server reads and extracts
        item.status.textContent = 'extracting';
      };
      xhr.onload = () => { finish(item, xhr.status, parse(xhr.responseText)); resolve(); };
      xhr.onerror = () => { finish(item, 0, { detail: 'the upload did not reach the server' }); resolve(); };
      xhr.send(file);
    }));
  }

  function sendUrl(url) {
    const item = entry('URL', url);
    queue = queue.then(async () => {
      item.status.textContent = 'fetching';
      item.bar.removeAttribute('value');
      try {
        const response = await fetch('/documents/fetch', {
          method: 'POST', headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify({ url }),
        });
        finish(item, response.status, parse(await response.text()));
      } catch (e) {
        finish(item, 0, { detail: 'the request did not reach the server' });
      }
    });
  }

  function addFiles(files) {
    for (const file of files) sendFile(file);
  }

  picker.addEventListener('change', () => { addFiles(picker.files); picker.value = ''; });
  ['dragenter', 'dragover'].forEach((type) => drop.addEventListener(type, (e) => {
    e.preventDefault();
    drop.classList.add('over');
  }));
  ['dragleave', 'drop'].forEach((type) => drop.addEventListener(type, () => drop.classList.remove('over')));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files) addFiles(e.dataTransfer.files);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    addFiles(picker.files);
    picker.value = '';
    for (const line of urls.value.split('\n')) {
      const url = line.trim();
      if (url) sendUrl(url);
    }
    urls.value = '';
  });
}());
