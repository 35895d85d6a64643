// Drafts that survive a reload: what someone types into a form is kept in this tab's sessionStorage (gone when the
// tab closes; never localStorage, which would keep client details on the computer), keyed by person and form, put
// back when the same form opens again, and dropped once the form is sent. Consent is never restored: it is given
// afresh each time.
'use strict';
(function () {
  var WH = window.WH = window.WH || {};
  var PREFIX = 'wh-draft:';
  var NEVER_KEPT = { consent: true };

  function store() {
    try { return window.sessionStorage; } catch (e) { return null; }
  }

  /** "introduce_submit:mind-lambeth-wellbeing" for a form card; '' for a card without a submit. */
  WH.formKey = function (json) {
    var found = '';
    (function walk(node) {
      if (found || !node || typeof node !== 'object') return;
      if (node.data && typeof node.data.actionId === 'string' && /_submit$/.test(node.data.actionId)) {
        found = node.data.actionId + ':' + node.data.subjectId;
        return;
      }
      Object.keys(node).forEach(function (k) { walk(node[k]); });
    })(json);
    return found;
  };

  function read(root) {
    var values = {};
    root.querySelectorAll('input, textarea, select').forEach(function (el) {
      var id = WH.fieldIdOf(el);
      if (!id || NEVER_KEPT[id]) return;
      if (el.type === 'radio') { if (el.checked) values[id] = el.value; return; }
      if (el.type === 'checkbox') { values[id] = el.checked; return; }
      values[id] = el.value;
    });
    return values;
  }

  function write(root, values) {
    root.querySelectorAll('input, textarea, select').forEach(function (el) {
      var id = WH.fieldIdOf(el);
      if (!id || NEVER_KEPT[id] || !(id in values)) return;
      if (el.type === 'radio') el.checked = values[id] === el.value;
      else if (el.type === 'checkbox') el.checked = values[id] === true;
      else el.value = String(values[id]);
      if (el.whUpdateCounter) el.whUpdateCounter();
    });
  }

  /** Restores a kept draft into the form in host (unless the server sent the form back with values), then keeps it. */
  WH.keepDraft = function (host, me, key, sentBack) {
    var s = store();
    var root = host.querySelector('.ac-adaptiveCard');
    if (!s || !root || !key) return;
    var name = PREFIX + me + ':' + key;
    var kept = s.getItem(name);
    if (kept && !sentBack) {
      try { write(root, JSON.parse(kept)); } catch (e) { s.removeItem(name); }
    }
    var save = function () { s.setItem(name, JSON.stringify(read(root))); };
    root.addEventListener('input', save);
    root.addEventListener('change', save);
  };

  WH.dropDraft = function (me, key) {
    var s = store();
    if (s && key) s.removeItem(PREFIX + me + ':' + key);
  };
})();
