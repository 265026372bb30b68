// The demo pages' header. The token playground works in dev mode only, so production does not list it
// (the server answers 404 for its page there too).
import { isDevMode } from './api.js';

const pages = [['index.html', 'Call'], ['ice.html', 'ICE check'], ['tokens.html', 'Token playground', 'dev']];
const here = location.pathname.split('/').pop() || 'index.html';
const dev = await isDevMode();
document.querySelector('header').innerHTML = '<strong>skyrtc</strong>' + pages.filter(([, , only]) => !only || dev)
  .map(([href, label]) => `<a href="${href}" class="${href === here ? 'here' : ''}">${label}</a>`).join('') +
  '<a href="/healthz" class="end">/healthz</a>';
