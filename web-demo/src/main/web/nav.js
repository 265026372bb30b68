// The demo pages' header.
const pages = [['index.html', 'Call'], ['ice.html', 'ICE check'], ['tokens.html', 'Token playground']];
const here = location.pathname.split('/').pop() || 'index.html';
document.querySelector('header').innerHTML = '<strong>skyrtc</strong>' + pages.map(([href, label]) =>
  `<a href="${href}" class="${href === here ? 'here' : ''}">${label}</a>`).join('') +
  '<a href="/healthz" class="end">/healthz</a>';
