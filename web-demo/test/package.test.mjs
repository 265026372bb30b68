// The SDK as an npm package: `npm pack` builds the tarball (kept at target/sdk/), a fresh project installs
// it, Node imports it by name, and `tsc --noEmit` type-checks a user's code (types/usage.ts) against the
// packed .d.ts, whose @ts-expect-error lines fail if events are typed loosely. Every runtime export must
// be declared in the .d.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sdk = join(root, 'src/main/web/sdk');
const target = join(root, 'target/sdk');
const consumer = join(root, 'target/sdk-consumer');
const manifest = JSON.parse(readFileSync(join(sdk, 'package.json'), 'utf8'));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('npm pack builds the SDK tarball with exactly the package files', () => {
  mkdirSync(target, { recursive: true });
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', target], sdk));
  assert.equal(packed.name, '@skyrtc/sdk');
  assert.equal(packed.version, manifest.version);
  assert.deepEqual(packed.files.map((f) => f.path).sort(), [...manifest.files, 'package.json'].sort());
  assert.ok(existsSync(join(target, packed.filename)), packed.filename);
});

test('a project installs the tarball, imports it by name and type-checks a usage sample', () => {
  const tarball = join(target, `skyrtc-sdk-${manifest.version}.tgz`);
  assert.ok(existsSync(tarball), 'run after the pack test');
  if (!existsSync(join(root, 'node_modules/typescript/bin/tsc'))) run('npm', ['ci', '--no-audit', '--no-fund'], root);
  rmSync(consumer, { recursive: true, force: true });
  mkdirSync(consumer, { recursive: true });
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module',
    dependencies: { '@skyrtc/sdk': `file:${tarball}` } }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund'], consumer);

  const exported = JSON.parse(run('node', ['--input-type=module', '-e',
    "const m = await import('@skyrtc/sdk'); console.log(JSON.stringify(Object.keys(m).sort()))"], consumer));
  assert.deepEqual(exported, ['Emitter', 'Signaling', 'SkyRtcCall', 'browserSocketFactory', 'grade', 'listDevices',
    'openDevice', 'qualitySampler', 'statsSampler', 'wechatSocketFactory']);
  const dts = readFileSync(join(consumer, 'node_modules/@skyrtc/sdk/skyrtc.d.ts'), 'utf8');
  const declared = new Set([...dts.matchAll(/export declare (?:class|function|const) (\w+)/g)].map((m) => m[1]));
  for (const name of exported) assert.ok(declared.has(name), `${name} is exported but not declared in skyrtc.d.ts`);

  cpSync(join(root, 'test/types'), consumer, { recursive: true });
  try {
    run('node', [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], consumer);
  } catch (e) {
    assert.fail(`tsc --noEmit failed:\n${e.stdout}${e.stderr}`);
  }
});

/** The keys of `export interface NAME { ... }` in the .d.ts. */
function declaredEvents(dts, name) {
  const body = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(dts)?.[1];
  assert.ok(body, `${name} in skyrtc.d.ts`);
  return new Set([...body.matchAll(/^\s+'?([\w-]+)'?:/gm)].map((m) => m[1]));
}

test('every event the SDK emits is declared in skyrtc.d.ts (the types cannot fall behind the code)', () => {
  const dts = readFileSync(join(sdk, 'skyrtc.d.ts'), 'utf8');
  const emitted = (file) => [...readFileSync(join(sdk, file), 'utf8').matchAll(/\bemit\('([\w-]+)'/g)].map((m) => m[1]);
  const callEvents = declaredEvents(dts, 'CallEvents');
  const callEmits = new Set([...emitted('call.js'), ...emitted('peer.js')]);
  for (const e of callEmits) assert.ok(callEvents.has(e), `SkyRtcCall emits '${e}' but CallEvents lacks it`);
  for (const e of callEvents) assert.ok(callEmits.has(e), `CallEvents declares '${e}' but SkyRtcCall never emits it`);
  // Signaling emits its own events and every server message type it does not consume itself
  const signaling = readFileSync(join(sdk, 'signaling.js'), 'utf8');
  const roomFrames = JSON.parse(/const ROOM_FRAMES = new Set\((\[[^\]]*\])\)/.exec(signaling)[1].replace(/'/g, '"'));
  const signalingEvents = declaredEvents(dts, 'SignalingEvents');
  for (const e of [...emitted('signaling.js'), ...roomFrames, 'ice-servers']) {
    assert.ok(signalingEvents.has(e), `Signaling emits '${e}' but SignalingEvents lacks it`);
  }
});
