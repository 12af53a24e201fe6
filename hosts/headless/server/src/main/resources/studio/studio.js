// Tessera studio: prompt → variants as they finish → pick → adjust → real-size repeat → approve → download (#12).
// Plain browser JavaScript against the HTTP API; every call sends the API token from the field at the top.
'use strict';
const $ = (id) => document.getElementById(id);
const state = { picked: null, variants: [] };
$('token').value = localStorage.getItem('tessera.token') || '';
$('token').addEventListener('change', () => localStorage.setItem('tessera.token', $('token').value.trim()));

async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + $('token').value.trim() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!r.ok) {
    let msg = r.status + '';
    try { msg += ': ' + (await r.json()).error; } catch (e) { /* not JSON */ }
    throw new Error(msg);
  }
  return r;
}

async function submit(request) {
  return (await (await api('POST', '/api/jobs', request)).json()).id;
}

async function awaitJob(id) {
  for (;;) {
    const job = await (await api('GET', '/api/jobs/' + id)).json();
    if (job.status !== 'queued' && job.status !== 'running') return job;
    await new Promise((ok) => setTimeout(ok, 250));
  }
}

async function blobUrl(href) {
  return URL.createObjectURL(await (await api('GET', href)).blob());
}

function tileOf(job) {
  return job.artifacts.find((a) => /design-01-tile\.png$/.test(a.name)) || job.artifacts.find((a) => a.name.endsWith('.png'));
}

function say(el, text, error) {
  $(el).textContent = text;
  $(el).className = error ? 'error' : '';
}

$('generate').addEventListener('click', async () => {
  const base = Math.floor(Math.random() * 1e9);
  $('variants').innerHTML = '';
  state.variants = [];
  say('status', 'generating 4 variants…');
  let done = 0;
  const runs = [0, 1, 2, 3].map(async (i) => {
    const cell = document.createElement('div');
    cell.className = 'variant';
    cell.dataset.index = i;
    cell.innerHTML = '<div class="pending">…</div>';
    $('variants').appendChild(cell);
    const request = { prompt: $('prompt').value, seed: base + i, tileWidthPx: 256 };
    if ($('generator').value) request.generator = $('generator').value;
    const job = await awaitJob(await submit(request));
    if (job.status !== 'succeeded') throw new Error('variant ' + (i + 1) + ' ' + job.status + ': ' + (job.error || ''));
    const img = new Image();
    img.alt = 'variant ' + (i + 1);
    img.src = await blobUrl(tileOf(job).href);
    cell.replaceChildren(img);
    cell.classList.add('ready');
    state.variants[i] = { request: job.record.request, job };
    cell.addEventListener('click', () => pick(i, cell));
    say('status', (++done) + ' of 4 variants ready — click one to pick it');
  });
  try { await Promise.all(runs); } catch (e) { say('status', e.message, true); }
});

async function pick(i, cell) {
  document.querySelectorAll('.variant').forEach((c) => c.classList.remove('picked'));
  cell.classList.add('picked');
  const v = state.variants[i];
  state.picked = v;
  $('step-adjust').hidden = false;
  $('scale').value = Math.round(v.request.tileWidthCm || 32);
  $('scale-out').textContent = $('scale').value;
  const rt = typeof v.request.repeat === 'string' ? v.request.repeat : (v.request.repeat && v.request.repeat.type) || 'block';
  if ([...$('repeat').options].some((o) => o.value === rt)) $('repeat').value = rt;
  await show(v.job);
}

$('scale').addEventListener('input', () => { $('scale-out').textContent = $('scale').value; drawReal(); });

function adjusted() {
  const r = Object.assign({}, state.picked.request);
  r.tileWidthCm = Number($('scale').value);
  r.tileHeightCm = null;
  r.colours = Number($('colours').value);
  r.repeat = $('repeat').value;
  r.variations = 1;
  r.options = Object.assign({}, r.options || {});
  if ($('density').value) r.options.density = $('density').value;
  return r;
}

$('apply').addEventListener('click', async () => {
  say('picked-info', 'applying…');
  try {
    const job = await awaitJob(await submit(adjusted()));
    if (job.status !== 'succeeded') throw new Error(job.status + ': ' + (job.error || ''));
    state.picked = { request: job.record.request, job };
    await show(job);
  } catch (e) { say('picked-info', e.message, true); }
});

async function show(job) {
  $('picked').src = await blobUrl(tileOf(job).href);
  await $('picked').decode();
  const c = job.record.candidates[0];
  const checks = (c.afterRepair.length ? c.afterRepair : c.checks).map((r) => r.solver + (r.passed ? ' ✓' : ' ✗')).join(', ');
  say('picked-info', 'seed ' + c.seed + ', ' + (job.record.request.tileWidthCm || 32) + ' cm repeat, ' + checks);
  drawReal();
}

// Lays the tile out in its repeat on a canvas whose CSS size is in centimetres, so a repeat is drawn at its printed width.
function drawReal() {
  const img = $('picked');
  if (!img.naturalWidth || !state.picked) return;
  const canvas = $('real');
  const pxPerCm = canvas.getBoundingClientRect().width / 60;
  canvas.width = Math.round(canvas.getBoundingClientRect().width);
  canvas.height = Math.round(canvas.getBoundingClientRect().height);
  const g = canvas.getContext('2d');
  const w = Number($('scale').value) * pxPerCm;
  const h = w * img.naturalHeight / img.naturalWidth;
  const repeat = $('repeat').value;
  for (let row = -1; row * h < canvas.height + h; row++) {
    for (let col = -1; col * w < canvas.width + w; col++) {
      let x = col * w, y = row * h;
      if (repeat === 'half-drop' && col % 2) y += h / 2;
      if (repeat === 'half-brick' && row % 2) x += w / 2;
      g.save();
      if (repeat === 'mirror') {
        g.translate(x + (col % 2 ? w : 0), y + (row % 2 ? h : 0));
        g.scale(col % 2 ? -1 : 1, row % 2 ? -1 : 1);
        g.drawImage(img, 0, 0, w, h);
      } else {
        g.drawImage(img, x, y, w, h);
      }
      g.restore();
    }
  }
}

$('approve').addEventListener('click', async () => {
  $('step-download').hidden = false;
  $('downloads').innerHTML = '';
  say('approved-status', 'making production files…');
  try {
    const r = adjusted();
    r.dpi = 150;
    const job = await awaitJob(await submit(r));
    if (job.status !== 'succeeded') throw new Error(job.status + ': ' + (job.error || ''));
    say('approved-status', 'approved: job ' + job.id + ' — production files and the report:');
    for (const a of job.artifacts) {
      const li = document.createElement('li');
      const link = document.createElement('a');
      link.textContent = a.name === 'job.json' ? 'report (job.json)' : a.name;
      link.download = a.name.split('/').pop();
      link.href = '#';
      link.dataset.href = a.href;
      link.addEventListener('click', async (ev) => {
        if (link.dataset.ready) return;
        ev.preventDefault();
        link.href = await blobUrl(a.href);
        link.dataset.ready = '1';
        link.click();
      });
      li.append(link, ' (' + a.size + ' bytes, sha256 ' + a.sha256.slice(0, 12) + '…)');
      $('downloads').appendChild(li);
    }
  } catch (e) { say('approved-status', e.message, true); }
});
