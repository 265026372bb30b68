// Token playground (dev mode only): mint room/Agora/Tencent tokens through the API, decode them here.
import { api, isDevMode } from './api.js';

const $ = (id) => document.getElementById(id);
const dev = await isDevMode();
if (dev) {
  $('key').value = 'dev';
} else {
  $('mode').textContent = 'This server is not in dev mode: the token playground is disabled.';
  document.querySelectorAll('form button').forEach((b) => { b.disabled = true; });
}

const b64 = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(s.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
const inflate = async (bytes) => new Uint8Array(await new Response(new Blob([bytes]).stream()
  .pipeThrough(new DecompressionStream('deflate'))).arrayBuffer());
const hex = (bytes) => [...bytes].map((x) => x.toString(16).padStart(2, '0')).join('');

async function decode(kind, token) {
  if (kind === 'room') {
    const [h, p] = token.split('.');
    return { header: JSON.parse(new TextDecoder().decode(b64(h))), claims: JSON.parse(new TextDecoder().decode(b64(p))) };
  }
  if (kind === 'tencent') {   // base64 with * - _ for + / =, over zlib-compressed JSON
    const std = token.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
    return JSON.parse(new TextDecoder().decode(await inflate(b64(std))));
  }
  const body = await inflate(b64(token.slice(3)));   // "007" + base64(zlib(signature, appId, issue, expire, salt, services))
  return { version: token.slice(0, 3), bytes: body.length, headHex: hex(body.slice(0, 48)) + '…' };
}

/** Shows a token (copyable) or an error (styled as one). */
function show(text, error) {
  $('token').textContent = text;
  $('token').className = error ? 'error' : '';
  $('copy').disabled = error;
  if (error) $('decoded').textContent = '';
}

$('copy').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText($('token').textContent);
    $('copy').textContent = 'Copied';
  } catch {
    getSelection().selectAllChildren($('token'));   // no clipboard permission: select it for Ctrl+C
    $('copy').textContent = 'Selected';
  }
  setTimeout(() => { $('copy').textContent = 'Copy'; }, 1500);
});

const routes = { room: '/v1/tokens/room', agora: '/v1/tokens/agora/rtc', tencent: '/v1/tokens/tencent/usersig' };
for (const [kind, path] of Object.entries(routes)) {
  $(kind).addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = {};
    const bad = [];
    for (const input of e.target.querySelectorAll('input')) input.removeAttribute('aria-invalid');
    for (const [k, v] of new FormData(e.target)) {
      if (v === '') continue;
      if (/^(uid|ttlSeconds)$/.test(k) && !/^\d+$/.test(v.trim())) {
        bad.push(k);
        e.target.elements[k].setAttribute('aria-invalid', 'true');
      }
      body[k] = /^(uid|ttlSeconds)$/.test(k) ? Number(v) : v;
    }
    if (bad.length) {
      show(`${bad.join(', ')}: a whole number, please`, true);
      return;
    }
    try {
      const r = await api('POST', path, $('key').value, body);
      show(r.token ?? r.userSig ?? JSON.stringify(r), false);
      $('decoded').textContent = JSON.stringify(await decode(kind, r.token ?? r.userSig), null, 2);
    } catch (err) {
      show(err.message, true);
    }
  });
}
