// The console's router: #/jobs, #/jobs/{id}, #/models, #/models/{name}, #/upload. Each page gets a signal that aborts
// when the user leaves it, so its polling stops.
import { loadSession } from './api.js';
import { h, fill } from './dom.js';
import { jobsPage } from './pages/jobs.js';
import { jobPage } from './pages/job.js';
import { modelsPage } from './pages/models.js';
import { modelPage } from './pages/model.js';
import { uploadPage } from './pages/upload.js';

const main = document.getElementById('main');
const toastRegion = document.getElementById('toast');
let current = null;
let toastTimer = null;
let started = false;

function toast(message) {
  toastRegion.textContent = message;
  toastRegion.classList.add('shown');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => toastRegion.classList.remove('shown'), 6000);
}

function navigate(hash, replace = false) {
  if (replace || window.location.hash === hash) {
    window.history.replaceState(null, '', hash);
    route();
  } else {
    window.location.hash = hash;
  }
}

function parse(hash) {
  const [path, query] = hash.replace(/^#/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, params: new URLSearchParams(query ?? '') };
}

async function route() {
  const hash = window.location.hash;
  if (hash && !hash.startsWith('#/')) return; // in-page anchors such as the skip link
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const { parts, params } = parse(hash || '#/jobs');
  const context = { main, params, signal: controller.signal, toast, navigate };
  const section = parts[0] ?? 'jobs';
  for (const link of document.querySelectorAll('nav a[data-section]')) {
    if (link.dataset.section === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }

  let title = 'Jobs';
  let page;
  if (section === 'jobs' && parts[1]) { title = `Job ${parts[1]}`; page = () => jobPage({ ...context, id: parts[1] }); }
  else if (section === 'jobs') { page = () => jobsPage(context); }
  else if (section === 'models' && parts[1]) { title = parts[1]; page = () => modelPage({ ...context, name: parts[1] }); }
  else if (section === 'models') { title = 'Models'; page = () => modelsPage(context); }
  else if (section === 'upload') { title = 'Upload'; page = () => uploadPage(context); }
  else { title = 'Not found'; page = async () => main.replaceChildren(h('h1', {}, 'No such page'), h('p', {}, h('a', { href: '#/jobs' }, 'Go to the jobs'))); }

  document.title = `${title} — Fine-tuning console`;
  // After a navigation (not the first load), the new page's heading takes focus once drawn (dom.js show), so keyboard
  // and screen-reader users land on it.
  main.dataset.focusHeading = hash !== '' && started ? 'yes' : '';
  started = true;
  try {
    await page();
  } catch (error) {
    if (!controller.signal.aborted) main.replaceChildren(h('h1', {}, 'Something went wrong'), h('p', { class: 'error-message' }, String(error?.message ?? error)));
  }
}

document.getElementById('skip').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', route);

loadSession()
  .then((session) => {
    if (session.user) {
      fill(document.getElementById('user'), `Signed in as ${session.user}`, ' ',
        session.signOut ? h('a', { href: session.signOut }, 'Sign out') : null);
    }
    return route();
  })
  .catch((error) => main.replaceChildren(h('h1', {}, 'The console cannot start'), h('p', { class: 'error-message' }, error.message)));
