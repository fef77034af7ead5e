// selfinstruct view: the page over the JSON API. Every value from the data reaches the page as text
// (text nodes, textContent), never as markup.
'use strict';

const keyFromUrl = /^#key=([^&]*)/.exec(location.hash);
if (keyFromUrl) {
  sessionStorage.setItem('selfinstruct-key', decodeURIComponent(keyFromUrl[1]));
  history.replaceState(null, '', location.pathname + '#tasks');
}
const key = sessionStorage.getItem('selfinstruct-key');
let summary = null;

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

async function api(path, options) {
  const headers = Object.assign({}, (options && options.headers) || {});
  if (key) headers.Authorization = 'Bearer ' + key;
  const response = await fetch(path, Object.assign({}, options, { headers }));
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : await response.blob();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function show(...nodes) {
  const main = document.getElementById('main');
  main.replaceChildren(...nodes);
}

function fail(error) {
  show(el('p', { class: 'error', id: 'error' }, error.message));
}

function score(value) {
  return value === null || value === undefined ? '' : value.toFixed(3);
}

function hashParams() {
  const [route, query] = location.hash.slice(1).split('?');
  return { route: decodeURIComponent(route || ''), params: new URLSearchParams(query || '') };
}

function go(route, params) {
  const query = params ? params.toString() : '';
  location.hash = route + (query ? '?' + query : '');
}

function renderNav(route) {
  const links = [];
  if (summary.has_dataset) links.push(['tasks', 'Dataset'], ['rejections', 'Rejections']);
  if (summary.plots.length > 0) links.push(['plots', 'Plots']);
  if (summary.models.length > 0) links.push(['evaluation', 'Evaluation']);
  document.getElementById('nav').replaceChildren(...links.map(([target, label]) =>
    el('a', { href: '#' + target, id: 'nav-' + target, class: route.startsWith(target) ? 'current' : '' }, label)));
}

function select(id, label, params, name, choices) {
  const node = el('select', { id },
    choices.map(([value, text]) => el('option', { value }, text)));
  node.value = params.get(name) || '';
  node.addEventListener('change', () => {
    params.set(name, node.value);
    if (!node.value) params.delete(name);
    params.delete('page');
    go(hashParams().route, params);
  });
  return el('label', {}, label + ' ', node);
}

function searchBox(params) {
  const input = el('input', { type: 'search', id: 'search', placeholder: 'Search…' });
  input.value = params.get('q') || '';
  input.addEventListener('keydown', event => {
    if (event.key !== 'Enter') return;
    if (input.value) params.set('q', input.value); else params.delete('q');
    params.delete('page');
    go(hashParams().route, params);
  });
  return input;
}

function pager(page, params, noun) {
  const pages = Math.max(1, Math.ceil(page.total / page.size));
  const move = delta => () => { params.set('page', page.page + delta); go(hashParams().route, params); };
  return el('div', { class: 'pager' },
    el('button', { id: 'previous', onclick: move(-1), ...(page.page <= 1 ? { disabled: '' } : {}) }, '‹ Previous'),
    el('span', { id: 'page-status' }, `page ${page.page} of ${pages}, ${page.total} ${noun}`),
    el('button', { id: 'next', onclick: move(1), ...(page.page >= pages ? { disabled: '' } : {}) }, 'Next ›'));
}

async function renderTasks(params) {
  const query = new URLSearchParams(params);
  const page = await api('/api/tasks?' + query);
  const header = el('tr', {}, ['Task', 'Instruction', 'Classification', 'Instances', 'Max ROUGE-L', 'Origin', 'Status']
    .map(name => el('th', {}, name)));
  const rows = page.items.map(task => {
    const row = el('tr', { class: 'clickable' + (task.rejected_reason ? ' rejected' : ''), 'data-task': task.id },
      el('td', {}, task.id),
      el('td', { class: 'instruction' }, task.instruction),
      el('td', {}, task.is_classification ? 'yes' : 'no'),
      el('td', { class: 'number' }, task.instances),
      el('td', { class: 'number' }, score(task.max_similarity)),
      el('td', {}, task.origin),
      el('td', {}, task.rejected_reason ? 'rejected' : task.edits > 0 ? 'edited' : 'kept'));
    row.addEventListener('click', () => go('task/' + encodeURIComponent(task.id)));
    return row;
  });
  show(
    el('div', { class: 'controls' },
      searchBox(params),
      select('classification', 'Classification', params, 'classification', [['', 'any'], ['yes', 'yes'], ['no', 'no']]),
      select('origin', 'Origin', params, 'origin', [['', 'any'], ['machine', 'machine'], ['seed', 'seed']]),
      select('status', 'Status', params, 'status',
        [['', 'any'], ['kept', 'kept'], ['rejected', 'rejected'], ['edited', 'edited']]),
      select('sort', 'Sort', params, 'sort', [['', 'dataset order'], ['instruction', 'instruction'],
        ['-instances', 'most instances'], ['-similarity', 'highest ROUGE-L'], ['similarity', 'lowest ROUGE-L']])),
    pager(page, params, 'tasks'),
    el('table', { id: 'tasks' }, el('thead', {}, header), el('tbody', {}, rows)));
}

// A refused edit (the server says why, and wrote nothing) is shown on the task's page, which stays as it is.
async function curate(edit) {
  try {
    await api('/api/curation', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(edit),
    });
  } catch (error) {
    document.getElementById('curation-error').textContent = error.message;
    return;
  }
  await route();
}

function editable(label, text, edit, id) {
  const view = el('div', { class: 'text', id }, text);
  const area = el('textarea', { id: id + '-editor' });
  area.value = text;
  const save = el('button', { id: id + '-save', onclick: () => curate(Object.assign({ after: area.value }, edit)) },
    'Save');
  const editor = el('div', { hidden: '' }, area, save);
  const open = el('button', { id: id + '-edit', onclick: () => { editor.hidden = false; open.hidden = true; } },
    'Edit ' + label);
  return el('div', {}, view, open, editor);
}

async function renderTask(id) {
  const task = await api('/api/tasks/' + encodeURIComponent(id));
  const instances = task.instances.map((instance, position) => el('div', { class: 'card instance' },
    el('strong', {}, `Instance ${position + 1}`),
    el('div', {}, 'Input'),
    editable('input', instance.input, { task_id: task.id, action: 'edit', field: 'input', instance: position },
      `input-${position}`),
    el('div', {}, 'Output'),
    editable('output', instance.output, { task_id: task.id, action: 'edit', field: 'output', instance: position },
      `output-${position}`)));
  const similar = task.most_similar.length === 0
    ? el('p', {}, 'The journal records no similar pool instructions for this task.')
    : el('table', { id: 'similar' },
      el('thead', {}, el('tr', {}, el('th', {}, 'ROUGE-L'), el('th', {}, 'Pool instruction'))),
      el('tbody', {}, task.most_similar.map(match =>
        el('tr', {}, el('td', { class: 'number' }, score(match.score)), el('td', {}, match.instruction)))));
  const requests = task.requests.length === 0
    ? el('p', {}, 'The journal records no requests for this task (seed tasks, or a journal from before they were kept).')
    : el('div', { id: 'requests' }, task.requests.map(exchange => el('details', { class: 'card exchange' },
      el('summary', {}, `${exchange.step ?? 'request'}${exchange.truncated ? ' (cut off at the token limit)' : ''}`),
      el('div', {}, 'Prompt'),
      el('pre', { class: 'prompt' }, exchange.prompt ?? '(not journaled)'),
      el('div', {}, 'Response'),
      el('pre', { class: 'response' }, exchange.response))));
  const reason = el('input', { id: 'reject-reason', placeholder: 'Why reject it?' });
  const reject = el('button', { id: 'reject', onclick: () =>
    curate({ task_id: task.id, action: 'reject', reason: reason.value }) }, 'Reject task');
  const history = task.history.map(edit => el('li', {},
    `${edit.when} ${edit.who}: ${edit.action}${edit.field ? ' ' + edit.field : ''}` +
    `${edit.instance !== undefined && edit.instance !== null ? ' #' + (edit.instance + 1) : ''}` +
    `${edit.reason ? ' (' + edit.reason + ')' : ''}`));
  show(
    el('p', {}, el('a', { href: '#tasks' }, '‹ All tasks')),
    el('p', { class: 'error', id: 'curation-error' }),
    el('h2', { id: 'task-id' }, task.id, ' ', task.name ? el('span', { class: 'badge' }, task.name) : null),
    el('p', {},
      el('span', { class: 'badge' }, task.origin),
      el('span', { class: 'badge' }, task.is_classification ? 'classification' : 'not classification'),
      task.max_similarity !== null ? el('span', { class: 'badge' }, 'max ROUGE-L ' + score(task.max_similarity)) : null,
      task.rejected_reason ? el('span', { class: 'badge rejected', id: 'rejected' }, 'rejected: ' + task.rejected_reason)
        : null),
    el('section', {}, el('h3', {}, 'Instruction'),
      editable('instruction', task.instruction, { task_id: task.id, action: 'edit', field: 'instruction' },
        'instruction')),
    el('section', {}, el('h3', {}, `Instances (${task.instances.length})`), instances),
    el('section', {}, el('h3', {}, 'Most similar pool instructions'), similar),
    el('section', {}, el('h3', {}, 'Requests that made it'), requests),
    el('section', {}, el('h3', {}, 'Curation'), reason, ' ', reject,
      history.length > 0 ? el('ul', { id: 'history' }, history) : el('p', {}, 'No edits yet.')));
}

async function renderRejections() {
  const rejections = await api('/api/rejections');
  show(el('h2', {}, 'Rejections by reason'),
    el('p', {}, 'Candidates the filters and parsers turned away, summed over the journal\'s committed batches, ' +
      'with a sample of them for each reason.'),
    rejections.length === 0 ? el('p', {}, 'The journal records no rejections.')
      : el('table', { id: 'rejections' },
        el('thead', {}, el('tr', {}, el('th', {}, 'Step and reason'), el('th', {}, 'Count'), el('th', {}, 'Sample'))),
        el('tbody', {}, rejections.map(item =>
          el('tr', {}, el('td', {}, item.reason), el('td', { class: 'number' }, item.count),
            el('td', {}, item.samples.length === 0 ? '' : el('ul', { class: 'samples' },
              item.samples.map(sample => el('li', { class: 'text' }, sample)))))))));
}

async function renderPlots() {
  const images = await Promise.all(summary.plots.map(async path => {
    const blob = await api('/files/' + path.split('/').map(encodeURIComponent).join('/'));
    return el('figure', {}, el('img', { src: URL.createObjectURL(blob), alt: path }), el('figcaption', {}, path));
  }));
  show(el('h2', {}, 'Plots'), el('div', { class: 'plots' }, images));
}

async function renderEvaluation(params) {
  const page = await api('/api/evaluation?' + new URLSearchParams(params));
  const cards = page.items.map(item => el('div', { class: 'card evaluation-item' },
    el('strong', {}, `${item.task_id} / ${item.instance_id}`), ' ', el('span', { class: 'badge' }, item.category),
    item.difference !== null ? el('span', {
      class: 'badge ' + (item.difference > 0 ? 'better' : item.difference < 0 ? 'worse' : ''),
    }, `${summary.models[summary.models.length - 1]} − ${summary.models[0]}: ${score(item.difference)}`) : null,
    el('div', {}, 'Prompt'), el('div', { class: 'text' }, item.prompt),
    el('div', {}, 'References'), item.references.map(reference => el('div', { class: 'text' }, reference)),
    el('table', {},
      el('thead', {}, el('tr', {}, ['Model', 'Prediction', 'ROUGE-L', 'Exact match', 'Judge']
        .map(name => el('th', {}, name)))),
      el('tbody', {}, item.predictions.map(prediction => el('tr', {},
        el('td', {}, prediction.model), el('td', { class: 'prediction' }, prediction.prediction),
        el('td', { class: 'number' }, score(prediction.rouge_l)),
        el('td', { class: 'number' }, prediction.exact_match), el('td', {}, prediction.judge ?? '')))))));
  show(
    el('div', { class: 'controls' }, searchBox(params),
      select('sort', 'Sort', params, 'sort', [['', 'evaluation order'], ['-difference', 'tuning helped most'],
        ['difference', 'tuning hurt most']])),
    pager(page, params, 'instances'),
    el('div', { id: 'evaluation' }, cards));
}

async function route() {
  const { route: current, params } = hashParams();
  renderNav(current);
  if (current.startsWith('task/')) await renderTask(current.slice('task/'.length));
  else if (current === 'rejections') await renderRejections();
  else if (current === 'plots') await renderPlots();
  else if (current === 'evaluation' || !summary.has_dataset) await renderEvaluation(params);
  else await renderTasks(params);
}

async function start() {
  summary = await api('/api/summary');
  document.getElementById('run').textContent = `${summary.folder} (${summary.kind})`;
  window.addEventListener('hashchange', () => route().catch(fail));
  await route();
}

start().catch(fail);
