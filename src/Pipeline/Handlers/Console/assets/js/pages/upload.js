// Upload: pick or drop a CSV, name the model, set the common options; the API checks them as it checks an
// .options.json, then the file goes to the PUT target it answers with, and the job starts from the blob event.
import { api, routes, putFile, currentSession, ApiError } from '../api.js';
import { h, show, bytes } from '../dom.js';
import { problemMessage } from '../problem.js';

export async function uploadPage({ main, params, navigate }) {
  const session = currentSession();
  let file = null;

  const fileInput = h('input', { type: 'file', id: 'upload-file', name: 'file', accept: '.csv,.tsv,.txt,text/csv', 'aria-describedby': 'upload-file-help' });
  const fileName = h('p', { class: 'file-name', 'aria-live': 'polite' }, 'No file chosen.');
  const drop = h('div', { class: 'drop', id: 'drop-zone' },
    h('label', { for: 'upload-file', class: 'drop-label' }, 'CSV file'),
    h('p', { class: 'help' }, 'Drop it here, or choose it:'),
    fileInput, fileName,
    h('p', { id: 'upload-file-help', class: 'help' }, `A CSV with a text column and a label column (or labels, for multi-label), up to ${bytes(session.maxUploadBytes)}.`));

  const model = field('upload-model', 'Model name', h('input', { id: 'upload-model', name: 'model', required: true, maxlength: '63', autocomplete: 'off', spellcheck: 'false', value: params.get('model') ?? '' }),
    '3 to 63 lower-case letters, digits and dashes. A new version of this model is trained; the gate decides whether it becomes current.');
  const baseModel = field('upload-base-model', 'Base model', h('input', { id: 'upload-base-model', name: 'baseModel', list: 'base-models', placeholder: 'minilm-l6 (default)', autocomplete: 'off', spellcheck: 'false' }),
    'minilm-l6, tiny-random, or the name of a Hugging Face BERT folder uploaded to the base-models container.');
  const baseModels = h('datalist', { id: 'base-models' }, h('option', { value: 'minilm-l6' }), h('option', { value: 'tiny-random' }));
  const epochs = field('upload-epochs', 'Epochs', h('input', { id: 'upload-epochs', name: 'epochs', type: 'number', min: '1', max: '100', step: '1', placeholder: 'auto' }));
  const learningRate = field('upload-learning-rate', 'Learning rate', h('input', { id: 'upload-learning-rate', name: 'learningRate', type: 'text', inputmode: 'decimal', placeholder: 'auto, e.g. 5e-5', autocomplete: 'off' }));
  const maxLength = field('upload-max-length', 'Max length (tokens)', h('input', { id: 'upload-max-length', name: 'maxLength', type: 'number', min: '8', max: '512', step: '1', placeholder: '128' }));
  const multiLabel = field('upload-multi-label', 'Multi-label', select('upload-multi-label', [['', 'auto (a labels column means multi-label)'], ['true', 'yes'], ['false', 'no']]));
  const weighting = field('upload-class-weighting', 'Class weighting', select('upload-class-weighting', [['', 'none (default)'], ['balanced', 'balanced: rare classes count more']]));

  const errors = h('div', { 'aria-live': 'assertive' });
  const progress = h('progress', { max: '100', value: '0', hidden: true, 'aria-label': 'Upload progress' });
  const progressText = h('p', { class: 'muted', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Upload and train');

  const form = h('form', { class: 'stack upload', novalidate: true },
    drop, model, baseModel, baseModels,
    h('fieldset', {}, h('legend', {}, 'Training options (leave empty for the defaults)'),
      h('div', { class: 'grid' }, epochs, learningRate, maxLength, multiLabel, weighting)),
    errors, h('div', {}, submit), progress, progressText);

  function choose(chosen) {
    file = chosen ?? null;
    fileName.textContent = file ? `${file.name} (${bytes(file.size)})` : 'No file chosen.';
    if (file && !model.querySelector('input').value) {
      model.querySelector('input').value = file.name.replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63) || '';
    }
  }
  fileInput.addEventListener('change', () => choose(fileInput.files[0]));
  for (const type of ['dragenter', 'dragover']) drop.addEventListener(type, (event) => { event.preventDefault(); drop.classList.add('over'); });
  for (const type of ['dragleave', 'drop']) drop.addEventListener(type, () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    if (event.dataTransfer?.files?.length) choose(event.dataTransfer.files[0]);
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.replaceChildren();
    const local = localProblems(file, model.querySelector('input'));
    if (local.length) {
      errors.replaceChildren(h('div', { class: 'callout error', role: 'alert' }, h('ul', {}, local.map((m) => h('li', {}, m)))));
      return;
    }
    submit.disabled = true;
    try {
      const prepared = await api(routes.uploads(), { method: 'POST', body: { model: model.querySelector('input').value.trim(), fileName: file.name, options: options() } });
      progress.hidden = false;
      progressText.textContent = `Uploading ${file.name}…`;
      const answer = await putFile(prepared.upload, file, (sent, total) => {
        progress.value = total ? Math.round((sent / total) * 100) : 0;
        progressText.textContent = `Uploading ${file.name}: ${bytes(sent)} of ${bytes(total)}`;
      });
      const job = answer ?? await api(prepared.links.status);
      progressText.textContent = `Uploaded. Job ${job.id} starts from the upload.`;
      navigate(`#/jobs/${encodeURIComponent(job.id)}`);
    } catch (error) {
      progress.hidden = true;
      progressText.textContent = '';
      errors.replaceChildren(problemMessage(error instanceof ApiError ? error : new ApiError(0, { detail: String(error.message ?? error) })));
      submit.disabled = false;
    }
  });

  function options() {
    const value = (name) => form.querySelector(`[name=${name}]`).value.trim();
    const training = {};
    if (value('epochs')) training.epochs = Number(value('epochs'));
    if (value('learningRate')) training.learningRate = Number(value('learningRate'));
    if (value('maxLength')) training.maxLength = Number(value('maxLength'));
    if (value('upload-class-weighting')) training.classWeighting = value('upload-class-weighting');
    const result = {};
    if (value('baseModel')) result.baseModel = value('baseModel');
    if (Object.keys(training).length) result.training = training;
    if (value('upload-multi-label')) result.datasetOptions = { multiLabel: value('upload-multi-label') === 'true' };
    return result;
  }

  show(main,
    h('h1', {}, 'Upload a CSV'),
    h('p', { class: 'help' }, session.uploadMode === 'direct'
      ? 'The file goes straight to Blob Storage with a link valid for this one file; the job starts when it lands.'
      : 'The file streams through the API into the datasets container; the job starts when it lands.'),
    form);
}

function localProblems(file, modelInput) {
  const problems = [];
  if (!file) problems.push('Choose a CSV file to upload.');
  else if (file.size === 0) problems.push(`${file.name} is empty.`);
  if (!modelInput.value.trim()) problems.push('Give the model a name.');
  return problems;
}

function field(id, label, control, help) {
  if (help) control.setAttribute('aria-describedby', `${id}-help`);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, help ? h('p', { id: `${id}-help`, class: 'help' }, help) : null);
}

function select(id, choices) {
  return h('select', { id, name: id }, choices.map(([value, label]) => h('option', { value }, label)));
}
