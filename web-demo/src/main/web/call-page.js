// The call demo: join a room, mesh call with everyone in it, per-peer state and live stats.
// Production servers need a room token: from ?token=, the token field, or the example backend route
// POST /demo/token when the server enables it (demo.tokenRoute).
import { SkyRtcCall, statsSampler, listDevices } from './sdk/skyrtc.js';
import { isDevMode } from './api.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
$('room').value = params.get('room') ?? `room-${Math.random().toString(36).slice(2, 8)}`;
$('name').value = params.get('name') ?? '';
$('token').value = params.get('token') ?? '';
$('relay').checked = params.get('relay') === '1';
const dev = await isDevMode();
$('tokenField').hidden = dev;   // dev mode joins without a token

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
const tiles = new Map();      // peerId -> {tile, sample}
let call = null;
let local = null;
let welcome = null;
let warning = '';

function status(text, kind = '') {
  $('status').textContent = text;
  $('status').className = kind ? `status ${kind}` : 'status';
}

/** The status line from the current facts, never a stale count. */
function roomStatus() {
  if (!call || !welcome) return;
  const n = tiles.size;
  status(`In room ${welcome.room} as ${$('name').value || welcome.peerId} · ${n} other peer${n === 1 ? '' : 's'}`
    + ` · ICE servers: ${welcome.iceServers.length}${warning ? ` · ${warning}` : ''}`, warning ? 'warn' : '');
}

function notice(text, kind = 'joined') {
  const li = document.createElement('li');
  li.className = kind;
  li.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  $('notices').prepend(li);
  while ($('notices').children.length > 5) $('notices').lastChild.remove();
}

function shareLink() {
  const url = new URL(location.href);
  url.search = new URLSearchParams({ room: $('room').value }).toString();   // never share one's own token
  $('link').href = url.toString();
  $('link').textContent = 'share link';
}

function tile(peerId) {
  let t = tiles.get(peerId);
  if (!t) {
    const el = document.createElement('div');
    el.className = 'tile';
    el.dataset.peer = peerId;
    el.innerHTML = '<video autoplay playsinline></video><div class="off"><span class="initial"></span><span>camera off</span></div>'
      + '<div class="muted" title="microphone muted">muted</div><div class="label"></div>';
    $('grid').append(el);
    t = { el, video: el.querySelector('video'), label: el.querySelector('.label'), state: 'new', stats: null, name: peerId,
      quality: null };
    tiles.set(peerId, t);
  }
  return t;
}

function render(peerId) {
  const t = tiles.get(peerId);
  if (!t) return;
  const s = t.stats;
  t.label.textContent = `${t.name} · ${t.state}` + (t.quality ? ` · ${t.quality}` : '')
    + (s ? ` · ↓${s.inKbps} ↑${s.outKbps} kbps · rtt ${s.rttMs ?? '–'} ms · ${s.pair ?? ''}` : '');
}

/** A peer's name and its mute/camera state (meta.audio / meta.video false = off) instead of a black tile. */
function present(peer) {
  const t = tile(peer.peerId);
  t.name = peer.name || peer.peerId;
  t.el.querySelector('.initial').textContent = [...t.name][0]?.toUpperCase() ?? '?';
  t.el.classList.toggle('camera-off', peer.meta?.video === false);
  t.el.classList.toggle('mic-off', peer.meta?.audio === false);
  render(peer.peerId);
}

/** A room token: the field, else the server's example backend route when it has one. */
async function roomToken() {
  if (dev || $('token').value.trim()) return $('token').value.trim() || undefined;
  const res = await fetch('/demo/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ room: $('room').value, ...($('name').value ? { name: $('name').value } : {}) }) });
  if (res.status === 404) {
    throw new Error('this server needs a room token: paste one minted by your backend (README: Production), '
      + 'or enable the example route demo.tokenRoute');
  }
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`demo token route: ${json.error?.message ?? res.status}`);
  return json.token;
}

const hasTurn = (servers) => servers.some((s) => [s.urls].flat().some((u) => /^turns?:/.test(u)));

async function join(e) {
  e.preventDefault();
  $('join').disabled = true;
  shareLink();
  status('Connecting…');
  let token;
  try {
    token = await roomToken();
  } catch (err) {
    status(`Cannot join: ${err.message}`, 'error');
    $('join').disabled = false;
    return;
  }
  try {
    local = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240, frameRate: 15 } });
    $('local').querySelector('video').srcObject = local;
  } catch (err) {
    notice(`No camera/microphone (${err.name}): joining to watch only.`, 'left');
    local = null;
  }
  const relay = $('relay').checked;
  // ?ws=wss://a/ws,wss://b/ws: several nodes, reconnects (and moves off a draining node) go to the next
  const urls = params.get('ws')?.split(',').filter(Boolean);
  call = new SkyRtcCall({ url: wsUrl, urls, localStream: local, iceTransportPolicy: relay ? 'relay' : 'all' });
  window.skyrtcDemo.call = call;
  call.on('state', ({ state, reason }) => {
    if (state === 'joined') roomStatus();
    else status(state === 'connecting' ? 'Connecting…' : `Signaling: ${state}${reason ? ` (${reason})` : ''}`,
      state === 'reconnecting' ? 'warn' : '');
  });
  call.on('peer-joined', (p) => {
    present(p);
    notice(`${p.name || p.peerId} joined`);
    roomStatus();
  });
  call.on('peer-updated', present);
  call.on('quality', ({ peerId, quality }) => { const t = tiles.get(peerId); if (t) { t.quality = quality; render(peerId); } });
  call.on('track', ({ peerId, stream }) => {
    const t = tile(peerId);
    if (t.video.srcObject !== stream) t.video.srcObject = stream;
    t.sample = statsSampler(call.peers.get(peerId).pc);
  });
  call.on('peer-state', ({ peerId, state }) => { tile(peerId).state = state; render(peerId); });
  call.on('peer-left', ({ peerId }) => {
    const t = tiles.get(peerId);
    t?.el.remove();
    tiles.delete(peerId);
    notice(`${t?.name ?? peerId} left`, 'left');
    roomStatus();
  });
  call.on('error', (m) => status(`Server: ${m.code}: ${m.message}`, 'error'));
  try {
    welcome = await call.join($('room').value, { name: $('name').value || undefined, token });
    warning = relay && !hasTurn(welcome.iceServers)
      ? 'relay only, but this server hands out no TURN server (turn.urls): peers cannot connect; uncheck relay only'
      : '';
    welcome.peers.forEach(present);
    roomStatus();
    $('leave').disabled = false;
    for (const id of ['mic', 'cam', 'screen']) $(id).disabled = !local;
    if (local) await listCameras();
  } catch (err) {
    status(`Join refused: ${err.code ?? ''} ${err.message}`, 'error');
    $('join').disabled = false;
  }
}

function leave() {
  call?.leave();
  local?.getTracks().forEach((t) => t.stop());
  for (const t of tiles.values()) t.el.remove();
  tiles.clear();
  welcome = null;
  $('join').disabled = false;
  $('leave').disabled = true;
  for (const id of ['mic', 'cam', 'screen']) $(id).disabled = true;
  $('cameraField').hidden = true;
  status('Left the room.');
}

/** Mic/camera buttons name the action they take; aria-pressed says the device is off. */
function toggle(button, kind, actions) {
  const off = button.getAttribute('aria-pressed') !== 'true';
  call.setEnabled(kind, !off);
  button.setAttribute('aria-pressed', String(off));
  button.classList.toggle('off', off);
  button.textContent = off ? actions.on : actions.off;
  $('local').classList.toggle(kind === 'video' ? 'camera-off' : 'mic-off', off);
}

/** The camera picker: every camera, the one in use selected; switching needs no renegotiation. */
async function listCameras() {
  const cams = (await listDevices().catch(() => [])).filter((d) => d.kind === 'video');
  const current = local?.getVideoTracks()[0]?.getSettings().deviceId;
  $('camera').replaceChildren(...cams.map((d, i) => new Option(d.label || `camera ${i + 1}`, d.deviceId, false, d.deviceId === current)));
  $('cameraField').hidden = cams.length === 0;
}

$('camera').addEventListener('change', async () => {
  try {
    await call.switchDevice('video', $('camera').value, { width: 320, height: 240, frameRate: 15 });
  } catch (err) {
    notice(`Cannot switch camera (${err.name}: ${err.message})`, 'left');
  }
});

let screenTrack = null;
async function screen() {
  if (screenTrack) {
    screenTrack.stop();
    screenTrack = null;
    await call.replaceTrack('video', local.getVideoTracks()[0]);
    $('screen').classList.add('off');
    $('screen').textContent = 'Share screen';
    return;
  }
  const s = await navigator.mediaDevices.getDisplayMedia({ video: true });
  screenTrack = s.getVideoTracks()[0];
  screenTrack.onended = () => screenTrack && screen();
  await call.replaceTrack('video', screenTrack);
  $('screen').classList.remove('off');
  $('screen').textContent = 'Stop sharing';
}

setInterval(async () => {
  for (const [peerId, t] of tiles) {
    if (t.sample) {
      try { t.stats = await t.sample(); } catch { /* connection closed meanwhile */ }
      render(peerId);
    }
  }
}, 1000);

window.skyrtcDemo = { call: null, tiles };
$('joinForm').addEventListener('submit', join);
$('leave').addEventListener('click', leave);
$('mic').addEventListener('click', () => toggle($('mic'), 'audio', { on: 'Unmute mic', off: 'Mute mic' }));
$('cam').addEventListener('click', () => toggle($('cam'), 'video', { on: 'Turn camera on', off: 'Turn camera off' }));
$('screen').addEventListener('click', screen);
shareLink();
if (params.get('autojoin') === '1') $('joinForm').requestSubmit();
