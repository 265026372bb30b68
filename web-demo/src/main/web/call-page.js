// The call demo: join a room, mesh call with everyone in it, per-peer state and live stats.
import { SkyRtcCall, statsSampler } from './sdk/skyrtc.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
$('room').value = params.get('room') ?? `room-${Math.random().toString(36).slice(2, 8)}`;
$('name').value = params.get('name') ?? '';
$('relay').checked = params.get('relay') === '1';

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
const tiles = new Map();      // peerId -> {tile, sample}
let call = null;
let local = null;

function status(text, error = false) {
  $('status').textContent = text;
  $('status').className = error ? 'status error' : 'status';
}

function shareLink() {
  const url = new URL(location.href);
  url.search = new URLSearchParams({ room: $('room').value }).toString();
  $('link').href = url.toString();
  $('link').textContent = 'share link';
}

function tile(peerId) {
  let t = tiles.get(peerId);
  if (!t) {
    const el = document.createElement('div');
    el.className = 'tile';
    el.dataset.peer = peerId;
    el.innerHTML = '<video autoplay playsinline></video><div class="label"></div>';
    $('grid').append(el);
    t = { el, video: el.querySelector('video'), label: el.querySelector('.label'), state: 'new', stats: null, name: peerId };
    tiles.set(peerId, t);
  }
  return t;
}

function render(peerId) {
  const t = tiles.get(peerId);
  if (!t) return;
  const s = t.stats;
  t.label.textContent = `${t.name} · ${t.state}` + (s ? ` · ↓${s.inKbps} ↑${s.outKbps} kbps · rtt ${s.rttMs ?? '–'} ms · ${s.pair ?? ''}` : '');
}

async function join(e) {
  e.preventDefault();
  $('join').disabled = true;
  shareLink();
  try {
    local = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240, frameRate: 15 } });
    $('local').querySelector('video').srcObject = local;
  } catch (err) {
    status(`No camera/microphone (${err.name}); joining to watch only.`, true);
    local = null;
  }
  call = new SkyRtcCall({ url: wsUrl, localStream: local, iceTransportPolicy: $('relay').checked ? 'relay' : 'all' });
  window.skyrtcDemo.call = call;
  call.on('state', ({ state, reason }) => status(`Signaling: ${state}${reason ? ` (${reason})` : ''}`));
  call.on('peer-joined', (p) => { tile(p.peerId).name = p.name || p.peerId; render(p.peerId); });
  call.on('track', ({ peerId, stream }) => {
    const t = tile(peerId);
    if (t.video.srcObject !== stream) t.video.srcObject = stream;
    t.sample = statsSampler(call.peers.get(peerId).pc);
  });
  call.on('peer-state', ({ peerId, state }) => { tile(peerId).state = state; render(peerId); });
  call.on('peer-left', ({ peerId }) => { tiles.get(peerId)?.el.remove(); tiles.delete(peerId); });
  call.on('error', (m) => status(`Server: ${m.code}: ${m.message}`, true));
  try {
    const w = await call.join($('room').value, { name: $('name').value || undefined });
    status(`In room ${w.room} as ${w.peerId}; ${w.peers.length} other peer(s); ICE servers: ${w.iceServers.length}`);
    w.peers.forEach((p) => { tile(p.peerId).name = p.name || p.peerId; render(p.peerId); });
    $('leave').disabled = false;
    for (const id of ['mic', 'cam', 'screen']) $(id).disabled = !local;
  } catch (err) {
    status(`Join refused: ${err.code ?? ''} ${err.message}`, true);
    $('join').disabled = false;
  }
}

function leave() {
  call?.leave();
  local?.getTracks().forEach((t) => t.stop());
  for (const t of tiles.values()) t.el.remove();
  tiles.clear();
  $('join').disabled = false;
  $('leave').disabled = true;
  status('Left the room.');
}

function toggle(button, kind, onText, offText) {
  const enabled = button.classList.toggle('off');
  call.setEnabled(kind, enabled);
  button.textContent = enabled ? onText : offText;
}

let screenTrack = null;
async function screen() {
  if (screenTrack) {
    screenTrack.stop();
    screenTrack = null;
    await call.replaceTrack('video', local.getVideoTracks()[0]);
    $('screen').classList.add('off');
    return;
  }
  const s = await navigator.mediaDevices.getDisplayMedia({ video: true });
  screenTrack = s.getVideoTracks()[0];
  screenTrack.onended = () => screenTrack && screen();
  await call.replaceTrack('video', screenTrack);
  $('screen').classList.remove('off');
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
$('mic').addEventListener('click', () => toggle($('mic'), 'audio', 'Mic on', 'Mic off'));
$('cam').addEventListener('click', () => toggle($('cam'), 'video', 'Camera on', 'Camera off'));
$('screen').addEventListener('click', screen);
shareLink();
if (params.get('autojoin') === '1') $('joinForm').requestSubmit();
