// The guided tour beside the inbox (steps ticked as they happen, with "Switch to Sam" buttons), the banner that
// shows the playground's time and moves it forward, and the coordinator's links to the reports.
'use strict';
(function () {
  var WH = window.WH = window.WH || {};
  var $ = function (id) { return document.getElementById(id); };
  var REPORTS_SEEN = 'wh-tour-reports-seen';
  var MOVE_WORDS = { hour: 'one hour', morning: 'to the next working morning', day: 'one working day', reset: 'back to now' };

  function nameOf(personId) {
    var p = (WH.app.people() || []).find(function (x) { return x.id === personId; });
    return p ? p.name : personId;
  }

  function stepAction(step) {
    if (step.view === 'reports') {
      var a = document.createElement('a');
      a.href = '/reports';
      a.className = 'button-link';
      a.textContent = 'Open the reports as ' + nameOf(step.personId);
      a.addEventListener('click', function () { sessionStorage.setItem(REPORTS_SEEN, 'yes'); });
      return a;
    }
    var b = document.createElement('button');
    b.type = 'button';
    if (step.view === 'time') {
      b.textContent = 'Go to the time controls';
      b.addEventListener('click', function () { var first = document.querySelector('#time-banner button'); if (first) first.focus(); });
      return b;
    }
    var isMe = step.personId === WH.app.me();
    var where = { inbox: 'inbox', introduce: 'introduce form', channel: 'channel' }[step.view];
    b.textContent = isMe ? 'Open your ' + where : 'Switch to ' + nameOf(step.personId);
    b.addEventListener('click', async function () {
      if (!isMe) await WH.app.choose(step.personId);
      WH.app.showView(step.view, true);
    });
    return b;
  }

  function stepItem(step) {
    var li = document.createElement('li');
    li.dataset.step = step.id;
    li.dataset.done = String(step.done);
    var title = document.createElement('p');
    title.className = 'step-title';
    var mark = document.createElement('span');
    mark.className = 'tick';
    mark.setAttribute('aria-hidden', 'true');
    mark.textContent = step.done ? '✓' : '';
    var words = document.createElement('span');
    words.textContent = step.title;
    var state = document.createElement('span');
    state.className = 'visually-hidden';
    state.textContent = step.done ? ' (done)' : ' (to do)';
    title.append(mark, words, state);
    var hint = document.createElement('p');
    hint.className = 'subtle';
    hint.textContent = step.hint;
    li.append(title, hint, stepAction(step));
    return li;
  }

  var lastTour = '';
  WH.refreshTour = async function () {
    var res = await fetch('/playground/api/tour');
    if (!res.ok) return;
    var body = await res.json();
    body.steps.forEach(function (s) { if (s.id === 'reports') s.done = sessionStorage.getItem(REPORTS_SEEN) === 'yes'; });
    var key = JSON.stringify(body.steps.map(function (s) { return [s.id, s.done]; })) + WH.app.me();
    if (key === lastTour) return;
    lastTour = key;
    var list = $('tour-steps');
    list.textContent = '';
    body.steps.forEach(function (s) { list.appendChild(stepItem(s)); });
    var done = body.steps.filter(function (s) { return s.done; }).length;
    $('tour-progress').textContent = done + ' of ' + body.steps.length + ' steps done';
  };

  function showTime(t) {
    if (!t || !t.enabled) { $('time-banner').hidden = true; return; }
    $('time-banner').hidden = false;
    $('time-now').textContent = t.label;
    $('time-now').dateTime = t.now;
    $('time-moved').textContent = t.moved ? 'Simulated: moved forward from the real time.' : 'The real time.';
    document.body.dataset.simulatedTime = t.now;
  }
  WH.showTime = showTime;

  async function move(how) {
    var buttons = document.querySelectorAll('#time-banner button');
    buttons.forEach(function (b) { b.setAttribute('aria-disabled', 'true'); });
    try {
      var res = await fetch('/playground/api/time/move', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ move: how }) });
      var body = await res.json();
      if (!res.ok) { WH.app.say(body.message, true); return; }
      showTime(body);
      WH.app.say('Time moved ' + MOVE_WORDS[how] + ': it is now ' + body.label + '. Anything that fell due has been sent.');
      WH.refreshTour();
    } finally {
      buttons.forEach(function (b) { b.removeAttribute('aria-disabled'); });
    }
  }

  WH.initTime = async function () {
    document.querySelectorAll('#time-banner button[data-move]').forEach(function (b) {
      b.addEventListener('click', function () { if (b.getAttribute('aria-disabled') !== 'true') move(b.dataset.move); });
    });
    var res = await fetch('/playground/api/time');
    showTime(res.ok ? await res.json() : null);
  };

  /** "You are" grouped by role, the demo cast first. */
  WH.fillPeople = function (select, people) {
    var groups = {};
    people.forEach(function (p) {
      var label = p.groupLabel || 'Others';
      if (!groups[label]) {
        groups[label] = document.createElement('optgroup');
        groups[label].label = label;
        select.appendChild(groups[label]);
      }
      var o = document.createElement('option');
      o.value = p.id;
      o.textContent = p.name + (p.label ? ' (' + p.label + ')' : '') + ', ' + p.organisation;
      groups[label].appendChild(o);
    });
  };

  /** The coordinator's links (the server says which pages it has: the reports, and coordinator pages if mounted). */
  WH.showCoordinatorLinks = function (person, links) {
    var box = $('coordinator-links');
    box.hidden = !(person && person.isCoordinator) || !links || links.length === 0;
    box.textContent = '';
    if (box.hidden) return;
    box.append('As coordinator: ');
    links.forEach(function (l, i) {
      if (i > 0) box.append(' · ');
      var a = document.createElement('a');
      a.href = l.href;
      a.textContent = l.text;
      box.appendChild(a);
    });
  };
})();
