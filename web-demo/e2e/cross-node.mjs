// Chromium e2e across two skyrtc nodes sharing one Redis (run by run.mjs when --node2-base is given;
// CrossNodeBrowserCallTest starts the nodes): a call between a peer on node 1 and a peer on node 2, then
// node 1 drains and its peer's SDK moves to node 2 from its URL list, same peer id, the call going on.

const wsOf = (httpBase) => `${httpBase.replace(/^http/, 'ws')}/ws`;

export function crossNodeScenarios({ browser, base, node2Base, peer, until, mediaFlowing, videoKeepsFlowing, noProblems }) {
  return {
    async crossNodeCall() {
      const urls = encodeURIComponent(`${wsOf(base)},${wsOf(node2Base)}`);
      const a = await peer('e2e-cross', `&name=OnNode1&ws=${urls}`, base);   // joins first: node 1 owns the room
      await until(a.page, 'a joined on node 1', () => /^In room/.test(document.getElementById('status').textContent));
      const b = await peer('e2e-cross', '&name=OnNode2', node2Base);
      await until(a.page, 'a receives b', mediaFlowing, 1);
      await until(b.page, 'b receives a', mediaFlowing, 1);
      const watch = () => {
        window.viaServer = [];
        window.skyrtcDemo.call.on('data', (m) => window.viaServer.push(m.payload));
      };
      await a.page.evaluate(watch);
      await b.page.evaluate(watch);
      const before = await a.page.evaluate(() => ({ peerId: window.skyrtcDemo.call.signaling.peerId,
        url: window.skyrtcDemo.call.signaling.url }));
      if (before.url !== wsOf(base)) throw new Error(`a started on ${before.url}`);

      const drainedAt = Date.now();
      const api = await browser.newContext();
      const drain = await api.request.post(`${base}/v1/admin/drain`, { headers: { authorization: 'Bearer dev' } });
      if (drain.status() !== 200) throw new Error(`admin drain: ${drain.status()} ${await drain.text()}`);
      await until(a.page, 'a moved to node 2', (url) => {
        const s = window.skyrtcDemo.call.signaling;
        return (s.url === url && s.state === 'joined') || `${s.url} ${s.state}`;
      }, wsOf(node2Base));
      const movedMs = Date.now() - drainedAt;
      const after = await a.page.evaluate(() => window.skyrtcDemo.call.signaling.peerId);
      if (after !== before.peerId) throw new Error(`peer id ${before.peerId} became ${after}`);

      // signaling across the nodes still works both ways, and the media never stopped
      await a.page.evaluate(() => window.skyrtcDemo.call.sendData({ from: 'a', after: 'move' }));
      await b.page.evaluate(() => window.skyrtcDemo.call.sendData({ from: 'b', after: 'move' }));
      await until(b.page, "b got a's data after the move", () => window.viaServer.some((p) => p.from === 'a')
        || JSON.stringify(window.viaServer));
      await until(a.page, "a got b's data after the move", () => window.viaServer.some((p) => p.from === 'b')
        || JSON.stringify(window.viaServer));
      // a renegotiation (ICE restart) goes through the new path and the call stays connected
      await a.page.evaluate(() => [...window.skyrtcDemo.call.peers.values()][0].pc.restartIce());
      await a.page.waitForTimeout(1500);
      await until(a.page, 'a still receives b after the ICE restart', mediaFlowing, 1);
      await until(b.page, 'b still receives a after the ICE restart', mediaFlowing, 1);
      const aFrames = await videoKeepsFlowing(a.page, 'a after the move');
      const bFrames = await videoKeepsFlowing(b.page, 'b after the move');
      noProblems(a.page, 'page a');
      noProblems(b.page, 'page b');
      return { movedMs, peerId: after, from: before.url, to: wsOf(node2Base), framesPerSecond: [aFrames, bFrames] };
    },
  };
}
