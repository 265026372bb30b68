// Test helper (run by NodeAgoraTokenTest): reads JSON lines {token, cert} on stdin and, for each,
// parses with the official npm agora-token and checks the signature; then mints tokens with the
// official Node builder for the Java side to verify. Writes one JSON document to stdout.
'use strict';
const { AccessToken2 } = require('agora-token/src/AccessToken2');
const { RtcTokenBuilder, RtcRole } = require('agora-token');

// Parsed strings come back as Buffers; undefined when the service has no such field.
const text = v => (v === undefined ? undefined : Buffer.isBuffer(v) ? v.toString('utf8') : String(v));
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter(Boolean).map(JSON.parse);
const checked = lines.map(({ token, cert }) => {
  const t = new AccessToken2();
  const parsed = t.from_string(token);
  return {
    parsed,
    verified: parsed && t.verifySignature(cert),
    appId: t.appId, issueTs: t.issueTs, expire: t.expire, salt: t.salt,
    services: Object.values(t.services || {}).map(s => ({
      type: s.__type, privileges: s.__privileges,
      channel: text(s.__channel_name), uid: text(s.__uid), userId: text(s.__user_id),
    })),
  };
});
const minted = lines.slice(0, 5).map(({ cert, appId, channel }, i) => ({
  cert, channel, uid: 1000 + i,
  token: RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, 1000 + i, RtcRole.PUBLISHER, 600, 300),
}));
process.stdout.write(JSON.stringify({ checked, minted }));
