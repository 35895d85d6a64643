// Makes a rendered Adaptive Card accessible at the root, whatever the renderer did: no extra tab stop on the card,
// heading levels, aria-required on required fields, one group label per set of radios or checkboxes, aria-invalid
// and an error summary linked to each field to fix, and a character counter that warns before the limit.
'use strict';
(function () {
  var WH = window.WH = window.WH || {};
  var COUNT_FROM = 100; // fields allowing at least this many characters get a counter
  var WARN_LEFT = 0.1; // warn when this share of the limit is left
  var uid = 0;
  function newId(prefix) { uid += 1; return prefix + '-' + uid; }
  function number(n) { return n.toLocaleString('en-GB'); }

  /** The card's own id for an input element: its nearest wrapper with an id the card gave (not the renderer's). */
  function fieldIdOf(el) {
    for (var n = el; n && !n.classList.contains('ac-adaptiveCard'); n = n.parentElement) {
      if (n.id && n.id.indexOf('__ac-') !== 0 && n.tagName === 'DIV') return n.id;
    }
    return '';
  }
  WH.fieldIdOf = fieldIdOf;

  function describe(el, id) {
    var ids = (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    if (ids.indexOf(id) < 0) ids.push(id);
    el.setAttribute('aria-describedby', ids.join(' '));
  }

  function groupChoices(root) {
    root.querySelectorAll('.ac-choiceSetInput-expanded, .ac-choiceSetInput-multiSelect').forEach(function (set) {
      var label = set.id && root.querySelector('label[for="' + set.id + '"]');
      var radios = set.querySelectorAll('input[type="radio"], input[type="checkbox"]');
      set.setAttribute('role', radios.length && radios[0].type === 'radio' ? 'radiogroup' : 'group');
      if (label) {
        if (!label.id) label.id = newId('label');
        set.setAttribute('aria-labelledby', label.id);
      }
      if (set.classList.contains('ac-input-required')) set.setAttribute('aria-required', 'true');
      radios.forEach(function (r) {
        // Each option is named by its own label; the group carries the question once.
        var own = r.id && set.querySelector('label[for="' + r.id + '"]');
        r.removeAttribute('aria-required');
        if (own && own.id) r.setAttribute('aria-labelledby', own.id);
      });
    });
  }

  function markRequired(root) {
    root.querySelectorAll('input.ac-input-required, textarea.ac-input-required, select.ac-input-required').forEach(function (el) {
      el.setAttribute('aria-required', 'true');
    });
  }

  function counterFor(el) {
    var max = Number(el.getAttribute('maxlength'));
    if (!(max >= COUNT_FROM)) return;
    var counter = document.createElement('p');
    counter.className = 'counter';
    counter.id = newId('count');
    var warning = document.createElement('p');
    warning.className = 'counter-warning';
    warning.setAttribute('aria-live', 'polite');
    var last = '';
    function update(extra) {
      var used = el.value.length;
      var left = max - used;
      counter.textContent = number(used) + ' of ' + number(max) + ' characters';
      var text = extra || '';
      if (!text && left <= 0) text = 'You have reached the limit of ' + number(max) + ' characters. Anything more is not kept.';
      else if (!text && left <= Math.max(20, Math.round(max * WARN_LEFT))) text = 'You have ' + number(left) + ' characters left.';
      counter.classList.toggle('warn', Boolean(text));
      if (text !== last) { warning.textContent = text; last = text; }
    }
    el.addEventListener('input', function () { update(); });
    el.addEventListener('paste', function (e) {
      var pasted = (e.clipboardData && e.clipboardData.getData('text')) || '';
      var room = max - el.value.length + (el.selectionEnd - el.selectionStart);
      if (pasted.length > room) {
        setTimeout(function () {
          update('Only the first ' + number(Math.max(room, 0)) + ' characters of what you pasted fit here (the limit is ' + number(max) + '). The rest was not kept.');
        }, 0);
      }
    });
    el.insertAdjacentElement('afterend', warning);
    el.insertAdjacentElement('afterend', counter);
    describe(el, counter.id);
    update();
    el.whUpdateCounter = update;
  }

  /** The inputs a field id names (one, or the options of a choice set). */
  function inputsOf(root, fieldId) {
    var box = root.querySelector('[id="' + fieldId + '"]');
    if (!box) return [];
    var group = box.querySelector('[role="radiogroup"], [role="group"]');
    return group ? [group] : Array.prototype.slice.call(box.querySelectorAll('input, textarea, select'));
  }

  function errorText(root, message) {
    var blocks = root.querySelectorAll('.ac-textBlock');
    for (var i = 0; i < blocks.length; i++) if (blocks[i].textContent === message) return blocks[i];
    return null;
  }

  function showErrors(host, root, fields) {
    var links = [];
    Object.keys(fields || {}).forEach(function (fieldId) {
      var targets = inputsOf(root, fieldId);
      if (!targets.length) return;
      var text = errorText(root, fields[fieldId]);
      if (text && !text.id) text.id = newId('error');
      targets.forEach(function (t) {
        t.setAttribute('aria-invalid', 'true');
        if (text) describe(t, text.id);
      });
      var focusable = targets[0].matches('[role]') ? targets[0].querySelector('input') : targets[0];
      if (focusable && !focusable.id) focusable.id = newId('input');
      if (focusable) links.push({ id: focusable.id, text: fields[fieldId] });
    });
    if (!links.length) return null;
    var summary = document.createElement('div');
    summary.className = 'error-summary';
    summary.tabIndex = -1;
    summary.setAttribute('aria-labelledby', newId('summary'));
    var h = document.createElement('p');
    h.id = summary.getAttribute('aria-labelledby');
    h.className = 'error-summary-title';
    h.textContent = links.length === 1 ? 'There is a problem with 1 answer' : 'There is a problem with ' + links.length + ' answers';
    var list = document.createElement('ul');
    links.forEach(function (l) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#' + l.id;
      a.textContent = l.text;
      a.addEventListener('click', function (e) {
        e.preventDefault();
        var target = document.getElementById(l.id);
        if (target) target.focus();
      });
      li.appendChild(a);
      list.appendChild(li);
    });
    summary.append(h, list);
    host.insertBefore(summary, root);
    return summary;
  }

  /** The message the renderer put under a field it refused, or the field's label when it showed none. */
  function rendererMessage(box) {
    var blocks = box.querySelectorAll(':scope > .ac-textBlock[id]');
    if (blocks.length) return blocks[blocks.length - 1].textContent;
    var label = box.querySelector('label');
    return (label ? label.textContent.replace(/\s*\*$/, '') : 'This answer') + ': please fill this in.';
  }

  // The renderer checks required fields itself before a submit reaches the server: mark what it refused with
  // aria-invalid and put the same error summary on top, as for a refusal from the server.
  function watchValidation(host, root) {
    root.addEventListener('click', function (e) {
      if (!e.target.closest || !e.target.closest('.ac-pushButton')) return;
      setTimeout(function () {
        var failed = root.querySelectorAll('.ac-input-validation-failed');
        if (!failed.length || !root.isConnected) return;
        root.querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
        var old = host.querySelector('.error-summary');
        if (old) old.remove();
        var fields = {};
        failed.forEach(function (el) {
          var id = fieldIdOf(el);
          var box = id && root.querySelector('[id="' + id + '"]');
          if (box) fields[id] = rendererMessage(box);
        });
        var summary = showErrors(host, root, fields);
        if (summary) summary.focus();
      }, 0);
    }, true);
  }

  /**
   * Call after every render. options.level: the heading level for the card's title (default 3);
   * options.fields: { fieldId: message } from a refused submit.
   */
  WH.enhanceCard = function (host, options) {
    var root = host.querySelector('.ac-adaptiveCard');
    if (!root) return null;
    root.removeAttribute('tabindex');
    root.querySelectorAll('[role="heading"]').forEach(function (h) {
      if (!h.hasAttribute('aria-level')) h.setAttribute('aria-level', String((options && options.level) || 3));
    });
    groupChoices(root);
    markRequired(root);
    root.querySelectorAll('input[maxlength], textarea[maxlength]').forEach(counterFor);
    watchValidation(host, root);
    return showErrors(host, root, options && options.fields);
  };
})();
