// Chromium e2e scenarios for the SDK's features beyond a plain call (run by run.mjs, which passes its
// harness in): remote mute/camera state, data channel + quality + device switch, pushed TURN
// credentials with an ICE restart, and the token-refresh rejoin.
import { join } from 'node:path';

export function sdkScenarios({ browser, base, refreshBase, out, peer, newPage, until, connectedPair, mediaFlowing,
  selectedPairs, noProblems, videoKeepsFlowing }) {
  return {
    // Mute and camera-off cross through update → peer-updated: the remote tile says so instead of going black.
    async remoteMuteShown() {
      const { a, b } = await connectedPair('e2e-mute', '&name=Ann');
      await a.page.click('#mic');
      await a.page.click('#cam');
      const shown = () => {
        const t = document.querySelector('.tile[data-peer]');
        const off = t?.querySelector('.off');
        return (t?.classList.contains('camera-off') && t.classList.contains('mic-off')
          && getComputedStyle(off).display === 'flex' && getComputedStyle(t.querySelector('.muted')).display === 'block'
          && off.textContent.includes('camera off') && t.querySelector('.initial').textContent === 'A')
          || `classes: ${t?.className}`;
      };
      await until(b.page, 'b shows a muted with the camera off', shown);
      const meta = await b.page.evaluate(() => [...window.skyrtcDemo.call.members.values()][0].meta);
      if (meta.audio !== false || meta.video !== false) throw new Error(`meta ${JSON.stringify(meta)}`);
      const shot = join(out, 'call-remote-muted.png');
      await b.page.screenshot({ path: shot, fullPage: true });
      await a.page.click('#cam');
      await until(b.page, 'b shows the camera back on', () => {
        const t = document.querySelector('.tile[data-peer]');
        return (!t.classList.contains('camera-off') && t.classList.contains('mic-off')) || t.className;
      });
      noProblems(a.page, 'page a');
      noProblems(b.page, 'page b');
      return { screenshot: shot, meta };
    },

    // The SDK beyond the page: a peer-to-peer data channel message (JSON and binary), quality events from
    // getStats, and a switch to another camera by device id without renegotiation while b keeps decoding.
    async sdkFeatures() {
      const { a, b } = await connectedPair('e2e-sdk');
      await b.page.evaluate(() => {
        window.direct = [];
        window.quality = [];
        const call = window.skyrtcDemo.call;
        call.on('peer-data', (m) => window.direct.push(m.payload instanceof ArrayBuffer ? [...new Uint8Array(m.payload)] : m.payload));
        call.on('data', (m) => window.direct.push({ viaServer: m.payload }));
        call.on('quality', (q) => window.quality.push(q));
      });
      await until(a.page, 'a data channel open', () => [...window.skyrtcDemo.call.peers.values()][0].channel?.readyState === 'open'
        || [...window.skyrtcDemo.call.peers.values()][0].channel?.readyState);
      const sentTo = await a.page.evaluate(() => {
        const call = window.skyrtcDemo.call;
        return [...call.sendDirect({ hello: 'p2p' }), ...call.sendDirect(new Uint8Array([1, 2, 255]))];
      });
      await until(b.page, 'b got both over the data channel', () => (window.direct.length === 2
        && JSON.stringify(window.direct) === '[{"hello":"p2p"},[1,2,255]]') || JSON.stringify(window.direct));
      await until(b.page, 'quality events', () => window.quality.some((q) => typeof q.rttMs === 'number'
        && ['good', 'fair', 'poor'].includes(q.quality)) || JSON.stringify(window.quality));
      const quality = await b.page.evaluate(() => window.quality.at(-1));

      const switched = await a.page.evaluate(async () => {
        const call = window.skyrtcDemo.call;
        const sender = () => [...call.peers.values()][0].pc.getSenders().find((s) => s.track?.kind === 'video');
        const before = sender().track.id;
        const cams = (await (await import('/sdk/skyrtc.js')).listDevices()).filter((d) => d.kind === 'video');
        const pc = [...call.peers.values()][0].pc;
        const sdp = pc.localDescription.sdp;
        const track = await call.switchDevice('video', cams.at(-1).deviceId, { width: 320, height: 240 });
        return { cams: cams.length, before, after: sender().track.id, newTrack: track.id, renegotiated: pc.localDescription.sdp !== sdp,
          inStream: call.localStream.getVideoTracks()[0].id === track.id };
      });
      if (!switched.cams || switched.after !== switched.newTrack || switched.before === switched.after || !switched.inStream
        || switched.renegotiated) {
        throw new Error(`switchDevice: ${JSON.stringify(switched)}`);
      }
      const picker = await a.page.evaluate(() => ({ hidden: document.getElementById('cameraField').hidden,
        options: document.getElementById('camera').options.length, label: document.getElementById('camera').labels[0]?.textContent }));
      if (picker.hidden || picker.options !== switched.cams || !/Camera/.test(picker.label)) throw new Error(`camera picker: ${JSON.stringify(picker)}`);
      const framesPerSecond = await videoKeepsFlowing(b.page, 'after the device switch');
      noProblems(a.page, 'page a');
      noProblems(b.page, 'page b');
      return { sentTo, quality, switched, picker, framesPerSecond };
    },

    // TURN credentials refreshed mid-call: the server pushes ice-servers, the SDK applies them with
    // setConfiguration and restarts ICE on the relayed connection; it comes back relayed, video flowing.
    async iceServersRefresh() {
      if (!refreshBase) throw new Error('--refresh-base is required');
      const { a, b } = await connectedPair('e2e-refresh', '&relay=1', refreshBase);
      const before = await a.page.evaluate(() => {
        const call = window.skyrtcDemo.call;
        const pc = [...call.peers.values()][0].pc;
        window.refreshes = [];
        call.on('ice-servers', (e) => window.refreshes.push(e));
        return { username: pc.getConfiguration().iceServers.at(-1).username, ufrag: /a=ice-ufrag:(\S+)/.exec(pc.localDescription.sdp)[1] };
      });
      await until(a.page, 'ice-servers pushed and applied', () => window.refreshes.length > 0 || 'none yet');
      await until(a.page, 'ICE restarted, relayed again', async (firstUfrag) => {
        const pc = [...window.skyrtcDemo.call.peers.values()][0].pc;
        const ufrag = /a=ice-ufrag:(\S+)/.exec(pc.localDescription.sdp)[1];
        return (ufrag !== firstUfrag && pc.connectionState === 'connected' && pc.signalingState === 'stable')
          || `${ufrag} ${pc.connectionState} ${pc.signalingState}`;
      }, before.ufrag);
      const after = await a.page.evaluate(async ([firstUfrag]) => {
        const call = window.skyrtcDemo.call;
        const pc = [...call.peers.values()][0].pc;
        const e = window.refreshes[0];
        return { username: pc.getConfiguration().iceServers.at(-1).username, pushed: e.iceServers.at(-1).username,
          restarted: e.restarted, peer: [...call.peers.keys()][0], ufragChanged: !pc.localDescription.sdp.includes(`a=ice-ufrag:${firstUfrag}`) };
      }, [before.ufrag]);
      const pairs = await a.page.evaluate(selectedPairs);
      if (after.username === before.username || !after.ufragChanged || after.restarted[0] !== after.peer
        || Number(after.username.split(':')[0]) < Number(before.username.split(':')[0]) || !pairs.every((p) => p.local === 'relay')) {
        throw new Error(`refresh: ${JSON.stringify({ before, after, pairs })}`);
      }
      const framesPerSecond = await videoKeepsFlowing(b.page, 'after the ICE restart');
      noProblems(a.page, 'page a');
      noProblems(b.page, 'page b');
      return { before, after, pairs, framesPerSecond };
    },

    // The token-refresh hook against the real server: a peer joins with a room token that lives 2 s, its
    // socket drops after that, the server refuses the resume (the token expired), refreshToken mints a new
    // one and the SDK joins afresh as a new peer, which calls b again and receives its video.
    async tokenRefreshRejoin() {
      const b = await peer('e2e-rejoin', '&name=Bee');
      await until(b.page, 'b joined', () => /^In room/.test(document.getElementById('status').textContent));
      const context = await browser.newContext({ viewport: { width: 900, height: 600 } });
      const page = await newPage(context, 'rejoin');
      await page.goto(`${base}/?room=e2e-rejoin-unused`);                  // the call page, not joined
      await until(page, 'call page ready', () => !!window.skyrtcDemo);
      const first = await page.evaluate(async () => {
        const sdk = await import('/sdk/skyrtc.js');
        const mint = async (ttlSeconds) => (await (await fetch('/v1/tokens/room', { method: 'POST',
          headers: { Authorization: 'Bearer dev', 'Content-Type': 'application/json' },
          body: JSON.stringify({ room: 'e2e-rejoin', identity: 'ann', name: 'Ann', ttlSeconds }) })).json());
        const local = await navigator.mediaDevices.getUserMedia({ video: true });
        window.refreshes = [];
        const call = new sdk.SkyRtcCall({ url: `ws://${location.host}/ws`, localStream: local,
          refreshToken: async (ctx) => { window.refreshes.push(ctx); return (await mint(600)).token; } });
        window.skyrtcDemo.call = call;
        const short = await mint(2);
        const w = await call.join('e2e-rejoin', { token: short.token });
        return { peerId: w.peerId, expiresAt: short.expiresAt };
      });
      await until(page, 'a receives b', mediaFlowing, 1);
      await page.waitForTimeout(Math.max(0, Date.parse(first.expiresAt) + 500 - Date.now()));   // the token is dead now
      await page.evaluate(() => window.skyrtcDemo.call.signaling.dropSocket());
      await until(page, 'rejoined as a new peer', (old) => {
        const call = window.skyrtcDemo.call;
        return (call.peerId !== old && call.signaling.state === 'joined' && window.refreshes.length === 1)
          || `${call.peerId} ${call.signaling.state} ${JSON.stringify(window.refreshes)}`;
      }, first.peerId);
      await until(page, 'a receives b again', mediaFlowing, 1);
      const after = await page.evaluate(() => ({ peerId: window.skyrtcDemo.call.peerId, refresh: window.refreshes[0] }));
      if (!/room token this peer joined with expired/.test(after.refresh.reason) || after.refresh.room !== 'e2e-rejoin') {
        throw new Error(`refreshToken called with ${JSON.stringify(after.refresh)}`);
      }
      await until(b.page, 'b connected to the new peer', (id) => window.skyrtcDemo.call.peers.get(id)?.pc.connectionState === 'connected'
        || window.skyrtcDemo.call.peers.get(id)?.pc.connectionState || 'no connection', after.peerId);
      noProblems(page, 'page a');
      return { first, after };
    },
  };
}
