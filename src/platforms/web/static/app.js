// The playground page: choose who you are, read your inbox (cards rendered by the real adaptivecards
// renderer), press buttons (posted to the server, which runs the same command Teams and Slack run),
// and see cards update in place as server-sent events arrive.
'use strict';
(function () {
  var AC = window.AdaptiveCards;
  var $ = function (id) { return document.getElementById(id); };
  var WH = window.WH;
  /** sessionStorage key (plus person id): the service whose introduce form is open, so a reload reopens it. */
  var OPEN_FORM = 'wh-open-form:';
  var state = { me: null, people: [], messages: new Map(), channelMessages: new Map(), source: null, view: 'inbox' };

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
  }
  // The server escapes markdown so that nothing typed by people is interpreted; show it exactly as typed.
  AC.AdaptiveCard.onProcessMarkdown = function (text, result) {
    var plain = text.replace(/\\([\\`*_~[\]<>#+\-.)])/g, '$1');
    result.outputHtml = escapeHtml(plain).replace(/\n/g, '<br>');
    result.didProcess = true;
  };
  var hostConfig = new AC.HostConfig({
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    containerStyles: { default: { backgroundColor: '#00000000', foregroundColors: {
      default: { default: '#1b1b1b', subtle: '#595959' }, good: { default: '#0b6b2f', subtle: '#0b6b2f' },
      attention: { default: '#a4262c', subtle: '#a4262c' }, warning: { default: '#7a4a00', subtle: '#7a4a00' },
      accent: { default: '#005a9c', subtle: '#005a9c' } } } },
    actions: { actionsOrientation: 'horizontal', actionAlignment: 'left', buttonSpacing: 8, maxActions: 6, spacing: 'default', showCard: { actionMode: 'inline' } },
    supportsInteractivity: true,
  });

  function say(text, isError) {
    $('status').textContent = text || '';
    $('status').className = 'status' + (isError ? ' error' : '');
  }

  async function api(path, options) {
    var res = await fetch(path, options);
    var body = await res.json().catch(function () { return { message: 'The server sent something unexpected.' }; });
    return { ok: res.ok, status: res.status, body: body };
  }

  // Renders an Adaptive Card into host; its buttons post to the server and the answer is shown in the same host,
  // unless onAction says where else (channel cards answer in the person's own pane, never in the channel).
  // options.fields: what to fix, from a refused submit (the form came back with what was typed).
  function render(host, json, alertText, onAction, options) {
    host.textContent = '';
    var alert = document.createElement('p');
    alert.className = 'alert';
    alert.setAttribute('role', 'alert');
    alert.textContent = alertText || '';
    host.appendChild(alert);
    var card = new AC.AdaptiveCard();
    card.hostConfig = hostConfig;
    card.onExecuteAction = function (action) { (onAction || defaultAction(host))(action); };
    card.parse(json);
    host.appendChild(card.render());
    host.dataset.mode = json && json.body && isForm(json) ? 'form' : 'card';
    host.dataset.formKey = host.dataset.mode === 'form' ? WH.formKey(json) : '';
    var summary = WH.enhanceCard(host, { level: 3, fields: options && options.fields });
    if (host.dataset.mode === 'form') WH.keepDraft(host, state.me, host.dataset.formKey, Boolean(options && options.fields));
    return summary;
  }

  function isForm(json) {
    return JSON.stringify(json.body).indexOf('"Input.') >= 0 && JSON.stringify(json.actions || []).indexOf('_submit') >= 0;
  }

  // Introducing someone elsewhere (after a decline, say) opens the form in the introduce pane: the message it was
  // pressed on stays as it is.
  var OPENS_IN_PANE = { reintroduce: true, introduce_start: true };
  function defaultAction(host) {
    return function (a) {
      var id = a.data && a.data.actionId;
      if (OPENS_IN_PANE[id] && host.id !== 'intro-card') { actPrivately(a); return; }
      act(host, a);
    };
  }

  // While a press is on its way, every button of its card is disabled and further presses are ignored: one answer
  // per press. The server also keeps the first answer for a repeated key.
  function setPending(host, pending) {
    host.querySelectorAll('button').forEach(function (b) { b.disabled = pending; });
    if (pending) host.setAttribute('aria-busy', 'true'); else host.removeAttribute('aria-busy');
  }

  async function act(host, action) {
    if (host.getAttribute('aria-busy') === 'true') return;
    var data = Object.assign({}, action.data || {});
    var body = { as: state.me, actionId: data.actionId, subjectId: data.subjectId, version: Number(data.version) || 0, inputs: {} };
    if (typeof data.key === 'string') body.key = data.key;
    Object.keys(data).forEach(function (k) {
      if (k !== 'actionId' && k !== 'subjectId' && k !== 'version' && k !== 'key') body.inputs[k] = data[k];
    });
    var sentKey = host.dataset.formKey;
    host.setAttribute('aria-busy', 'true');
    setPending(host, true);
    var r;
    try {
      r = await api('/playground/api/actions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    } catch (err) {
      host.removeAttribute('aria-busy');
      setPending(host, false);
      say('That did not reach the server. Please try again.', true);
      return;
    }
    host.removeAttribute('aria-busy');
    setPending(host, false);
    var summary = null;
    if (r.body.kind === 'card' || r.body.kind === 'form') {
      if (r.body.kind === 'card' && /_submit$/.test(data.actionId || '')) WH.dropDraft(state.me, sentKey);
      if (r.body.kind === 'card' && data.actionId === 'introduce_submit') sessionStorage.removeItem(OPEN_FORM + state.me);
      render(host, r.body.card);
      say(r.body.kind === 'form' ? 'Fill in the form below.' : 'Done.');
    } else if (r.body.kind === 'stale') {
      // The form was older than the introduction: show where it stands now, and say so to this person.
      WH.dropDraft(state.me, sentKey);
      render(host, r.body.card, r.body.message);
      say(r.body.message, true);
    } else if (r.body.form) {
      // the form carries the message at its top and beside each field, and an error summary linking to each
      summary = render(host, r.body.form, '', undefined, { fields: r.body.fields || {} });
      say(r.body.message, true);
    } else {
      var alert = host.querySelector('.alert');
      if (alert) alert.textContent = r.body.message || 'That did not work.';
    }
    if (r.body.kind === 'card' && data.actionId === 'introduce_submit') say('Introduction sent. The live receipt is in your inbox.');
    if (r.body.kind === 'card' && data.actionId === 'opportunity_submit') say('Opportunity posted. Its card appears in the channel below.');
    var focusTarget = summary || host.closest('[tabindex]') || host;
    focusTarget.focus();
    WH.refreshTour();
  }

  function messageItem(m) {
    var li = document.createElement('li');
    li.className = 'message';
    li.id = 'msg-' + m.id;
    li.tabIndex = -1;
    li.setAttribute('aria-label', m.label || m.summary);
    var head = document.createElement('header');
    var from = document.createElement('span');
    from.textContent = 'Warm Handover';
    var when = document.createElement('time');
    when.dateTime = m.updatedAt;
    when.textContent = m.when;
    head.append(from, when);
    var host = document.createElement('div');
    host.className = 'card-host';
    li.append(head, host);
    return { li: li, host: host, when: when };
  }

  function showMessage(m, isNew) {
    var known = state.messages.get(m.id);
    if (!known) {
      known = messageItem(m);
      state.messages.set(m.id, known);
      $('messages').appendChild(known.li);
    }
    known.when.textContent = m.when;
    known.li.setAttribute('aria-label', m.label || m.summary);
    if (known.host.dataset.mode === 'form' && !isNew) { known.pending = m.card; return; }
    render(known.host, m.card);
    if (isNew) {
      known.li.classList.add('fresh');
      setTimeout(function () { known.li.classList.remove('fresh'); }, 4000);
    }
    $('empty-inbox').hidden = state.messages.size > 0;
    $('count').textContent = state.messages.size ? String(state.messages.size) : '';
  }

  async function loadInbox() {
    state.messages.clear();
    $('messages').textContent = '';
    var r = await api('/playground/api/inbox?as=' + encodeURIComponent(state.me));
    if (!r.ok) { say(r.body.message); return; }
    r.body.messages.forEach(function (m) { showMessage(m, false); });
    var me = state.people.find(function (x) { return x.id === state.me; });
    $('empty-inbox').textContent = me && me.isCoordinator && state.coordinatorLinks.length
      ? 'No messages: introductions go to named contacts. As coordinator, open the reports (link above) to see what happens to them.'
      : 'No messages yet. Introduce a client, or choose someone else above.';
    $('empty-inbox').hidden = state.messages.size > 0;
    $('count').textContent = state.messages.size ? String(state.messages.size) : '';
  }

  function listen() {
    if (state.source) state.source.close();
    state.source = new EventSource('/playground/api/events?as=' + encodeURIComponent(state.me));
    state.source.addEventListener('message', function (e) {
      var m = JSON.parse(e.data);
      var isNew = !state.messages.has(m.id);
      showMessage(m, isNew);
      say((isNew ? 'New: ' : 'Updated: ') + (m.label || m.summary));
      followMine();
      WH.refreshTour();
    });
    state.source.addEventListener('time', function (e) { WH.showTime(JSON.parse(e.data)); });
    state.source.addEventListener('channel', function (e) {
      var m = JSON.parse(e.data);
      if (state.view === 'channel') showChannelMessage(m);
    });
    state.source.addEventListener('open', function () { document.body.dataset.live = 'yes'; });
  }

  function describeMe() {
    var p = state.people.find(function (x) { return x.id === state.me; });
    $('who-detail').textContent = p ? [p.role, p.organisation].filter(Boolean).join(', ') : '';
  }

  async function choose(id) {
    state.me = id;
    var url = new URL(location.href);
    url.searchParams.set('as', id);
    history.replaceState(null, '', url);
    describeMe();
    WH.showCoordinatorLinks(state.people.find(function (x) { return x.id === id; }), state.coordinatorLinks);
    say('');
    showView('inbox');
    $('intro-card').textContent = '';
    $('results').textContent = '';
    $('post-card').textContent = '';
    $('my-card').textContent = '';
    await loadInbox();
    listen();
    if (state.view === 'channel') loadChannel();
    WH.refreshTour();
    var open = sessionStorage.getItem(OPEN_FORM + id);
    if (open) {
      // A reload in the middle of an introduction: open the same form again (its draft comes back with it).
      showView('introduce');
      await act($('intro-card'), { data: { actionId: 'introduce_start', subjectId: open, version: 0 } });
    }
  }

  async function loadPeople() {
    var r = await api('/playground/api/people');
    state.people = r.body.people || [];
    state.coordinatorLinks = r.body.coordinatorLinks || [];
    var select = $('who');
    WH.fillPeople(select, state.people);
    var wanted = new URL(location.href).searchParams.get('as');
    var first = state.people.some(function (p) { return p.id === wanted; }) ? wanted : (state.people[0] || {}).id;
    if (!first) { say('There is nobody in the directory yet.'); return; }
    select.value = first;
    select.addEventListener('change', function () { choose(select.value); });
    await choose(first);
  }

  function resultItem(s) {
    var li = document.createElement('li');
    var h = document.createElement('h3');
    h.textContent = s.name + ', ' + s.organisation;
    var p = document.createElement('p');
    p.textContent = s.description;
    var mark = document.createElement('p');
    var capacity = { open: 'Open', limited: 'Limited places', waiting_list: 'Waiting list', closed: 'Closed' }[s.capacity] || s.capacity;
    mark.className = 'mark' + (s.stale || s.capacity === 'closed' ? ' warn' : '');
    mark.textContent = capacity + (s.stale ? ' · not reviewed for a year: check before introducing' : '') + (s.contactNames.length ? ' · Named contact: ' + s.contactNames[0] : '');
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'primary';
    b.textContent = 'Introduce a client to ' + s.name;
    b.addEventListener('click', function () {
      sessionStorage.setItem(OPEN_FORM + state.me, s.id);
      act($('intro-card'), { data: { actionId: 'introduce_start', subjectId: s.id, version: 0 } });
    });
    li.append(h, p, mark, b);
    return li;
  }

  async function search(e) {
    e.preventDefault();
    var q = new URLSearchParams({ q: $('q').value, area: $('area').value, age: $('age').value.trim() });
    var r = await api('/playground/api/directory/search?' + q);
    var list = $('results');
    list.textContent = '';
    $('intro-card').textContent = '';
    if (!r.ok) { say(r.body.message); return; }
    r.body.results.forEach(function (s) { list.appendChild(resultItem(s)); });
    say(r.body.results.length ? r.body.results.length + ' services found.' : 'No services matched. Try other words.');
  }

  // A button on a channel card (e.g. "Introduce a client to this") opens its form in the person's own pane.
  function actPrivately(action) {
    showView('introduce');
    $('results').textContent = '';
    act($('intro-card'), action);
  }

  function channelSection(c) {
    var section = document.createElement('section');
    section.className = 'channel';
    section.id = 'channel-' + c.id;
    section.setAttribute('aria-label', c.name);
    var h = document.createElement('h3');
    h.textContent = c.name;
    var list = document.createElement('ol');
    list.className = 'chat';
    var empty = document.createElement('p');
    empty.className = 'subtle empty-channel';
    empty.textContent = 'Nothing posted here yet.';
    section.append(h, empty, list);
    return section;
  }

  function showChannelMessage(m) {
    var section = document.getElementById('channel-' + m.channelId);
    if (!section) {
      section = channelSection({ id: m.channelId, name: m.channelId });
      $('channels').appendChild(section);
    }
    var known = state.channelMessages.get(m.id);
    if (!known) {
      known = messageItem(m);
      state.channelMessages.set(m.id, known);
      section.querySelector('ol').appendChild(known.li);
    }
    known.when.textContent = m.when;
    known.li.setAttribute('aria-label', m.label || m.summary);
    render(known.host, m.card, '', actPrivately);
    section.querySelector('.empty-channel').hidden = true;
  }

  async function loadChannel() {
    var r = await api('/playground/api/channel?as=' + encodeURIComponent(state.me || ''));
    var box = $('channels');
    box.textContent = '';
    state.channelMessages.clear();
    if (!r.ok || r.body.channels.length === 0) {
      box.innerHTML = '<p class="subtle">There is no peer-group channel yet.</p>';
      return;
    }
    r.body.channels.forEach(function (c) {
      box.appendChild(channelSection(c));
      c.messages.forEach(function (m) { showChannelMessage(Object.assign({ channelId: c.id }, m)); });
    });
  }

  // "My introductions": what is waiting for you and what you introduced. Only in your own view (like your inbox),
  // never in the channel. Its buttons answer in the same place, like any card.
  // A list on screen follows what arrives (quietly: the new message is announced already), unless it is in use.
  async function loadMine(quiet) {
    var host = $('my-card');
    var r = await api('/playground/api/my-introductions?as=' + encodeURIComponent(state.me));
    if (!r.ok) { say(r.body.message, true); return; }
    render(host, r.body.card, '', function (a) { state.mineShowsList = false; defaultAction(host)(a); });
    state.mineShowsList = true;
    if (!quiet) say(r.body.summary);
  }

  function followMine() {
    var host = $('my-card');
    if (state.view === 'mine' && state.mineShowsList && !host.contains(document.activeElement)) loadMine(true);
  }

  function startPost() {
    $('post-card').hidden = false;
    act($('post-card'), { data: { actionId: 'opportunity_start', subjectId: 'web', version: 0 } });
  }

  function showView(name, moveFocus) {
    state.view = name;
    document.querySelectorAll('[data-view]').forEach(function (b) { b.setAttribute('aria-pressed', String(b.dataset.view === name)); });
    ['inbox', 'mine', 'introduce', 'channel'].forEach(function (v) { $('view-' + v).hidden = v !== name; });
    if (name === 'channel') loadChannel();
    if (name === 'mine') { $('my-card').textContent = ''; loadMine(); }
    if (name === 'introduce' && document.activeElement && document.activeElement.dataset.view) $('q').focus();
    if (moveFocus) $('main').focus();
  }

  document.querySelectorAll('[data-view]').forEach(function (b) {
    b.addEventListener('click', function () { showView(b.dataset.view); });
  });
  WH.app = {
    me: function () { return state.me; }, people: function () { return state.people; },
    choose: function (id) { $('who').value = id; return choose(id); }, showView: showView, say: say,
  };
  $('search-form').addEventListener('submit', search);
  WH.initTime();
  $('post-opportunity').addEventListener('click', startPost);
  loadPeople().catch(function (err) { say('The playground could not start: ' + err.message); });
})();
