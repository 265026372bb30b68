// ICE check page: browser gathering (trickle ICE) and the server's ice4j check on the same servers.
import { api, escape, isDevMode } from './api.js';

const $ = (id) => document.getElementById(id);
const urls = () => $('urls').value.split(/\s+/).filter(Boolean);
const status = (t, kind = '') => { $('status').textContent = t; $('status').className = kind ? `status ${kind}` : 'status'; };
if (await isDevMode()) $('key').value = 'dev';

$('mine').onclick = async () => {
  try {
    const c = await api('GET', '/v1/turn/credentials', $('key').value);
    $('urls').value = c.rest.uris.join('\n');
    $('username').value = c.rest.username;
    $('credential').value = c.rest.password;
    status(`credentials valid for ${c.rest.ttl} s`);
  } catch (e) { status(e.message, 'error'); }
};

$('gather').onclick = async () => {
  $('candidates').innerHTML = '';
  $('gatherErrors').textContent = '';
  const servers = urls().map((u) => (u.startsWith('turn') ? { urls: u, username: $('username').value, credential: $('credential').value } : { urls: u }));
  const bad = urls().filter((u) => !/^(stun|stuns|turn|turns):/i.test(u));
  if (bad.length) {
    status(`not a STUN/TURN URL: ${bad.join(', ')} (use stun:host:port or turn:host:port?transport=udp)`, 'error');
    return;
  }
  let pc;
  try {
    pc = new RTCPeerConnection({ iceServers: servers, iceTransportPolicy: $('relay').checked ? 'relay' : 'all' });
  } catch (e) {
    status(`the browser refused these servers: ${e.message}`, 'error');
    return;
  }
  const none = servers.length === 0
    ? ' (no STUN/TURN URL given: only host candidates, this machine\'s own addresses; add a URL or use this server\'s TURN)'
    : '';
  const start = performance.now();
  pc.createDataChannel('probe');
  pc.onicecandidate = (e) => {
    const ms = Math.round(performance.now() - start);
    if (!e.candidate) { status(`gathering done in ${ms} ms${none}`, none ? 'warn' : ''); pc.close(); return; }
    const c = e.candidate;
    $('candidates').insertAdjacentHTML('beforeend', `<tr><td>${ms}</td><td>${escape(c.type)}</td><td>${escape(c.protocol)}</td>`
      + `<td>${escape(c.address)}:${escape(c.port)}${c.relatedAddress ? ` (from ${escape(c.relatedAddress)}:${escape(c.relatedPort)})` : ''}</td>`
      + `<td>${escape(e.url ?? '')}</td></tr>`);
  };
  pc.onicecandidateerror = (e) => {
    $('gatherErrors').insertAdjacentHTML('beforeend', `<div>${escape(e.url)}: ${escape(e.errorCode)} ${escape(e.errorText)}</div>`);
  };
  status(`gathering…${none}`, none ? 'warn' : '');
  await pc.setLocalDescription(await pc.createOffer());
};

$('check').onclick = async () => {
  $('servers').innerHTML = '';
  status('checking from the server…');
  const body = { urls: urls() };
  if ($('username').value) Object.assign(body, { username: $('username').value, credential: $('credential').value });
  try {
    const r = await api('POST', '/v1/ice/check', $('key').value, body);
    for (const s of r.servers) {
      $('servers').insertAdjacentHTML('beforeend', `<tr><td>${escape(s.url)}</td><td>${escape(s.status)}${s.errorCode ? ` ${escape(s.errorCode)} ${escape(s.errorReason)}` : ''}${s.detail ? ` ${escape(s.detail)}` : ''}</td>`
        + `<td>${escape(s.mappedAddress ?? '')}</td><td>${escape(s.relayedAddress ?? '')}</td><td>${escape(s.rttMs ?? '')}</td></tr>`);
    }
    $('raw').textContent = JSON.stringify(r, null, 2);
    status(r.passed ? 'server-side check passed' : 'server-side check did not pass', r.passed ? '' : 'error');
  } catch (e) { status(e.message, 'error'); }
};
