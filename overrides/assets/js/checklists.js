// Reflective checklists: live tally and reflection. Answers never leave the browser; they are kept
// in localStorage only after the reader ticks "Remember on this device", and "Clear" removes them.
(function () {
  "use strict";
  var PREFIX = "trust-guide.checklist.";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  document.querySelectorAll("form[data-checklist]").forEach(function (form) {
    var key = PREFIX + form.getAttribute("data-checklist");
    var status = form.querySelector("[data-status]");
    var remember = form.querySelector("[data-remember]");
    var support = form.querySelector("[data-support-note]");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox][name]"));
    var store = null;
    try { store = window.localStorage; } catch (e) { /* storage blocked: nothing is kept */ }

    function ticked(scope) {
      return Array.prototype.filter.call(scope.querySelectorAll("input[name]"), function (b) { return b.checked; }).length;
    }

    function save() {
      if (!store) return;
      if (remember.checked) {
        store.setItem(key, JSON.stringify(boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.name; })));
      } else {
        store.removeItem(key);
      }
    }

    function update() {
      var parts = [fill(form.getAttribute("data-tally"), { n: ticked(form), total: boxes.length })];
      form.querySelectorAll(".checklist__key").forEach(function (keyList) {
        var group = keyList.closest("fieldset[data-group]");
        var scope = group || form;
        var n = ticked(scope);
        if (group) {
          parts.push(fill(form.getAttribute("data-group-tally"), {
            title: group.getAttribute("data-title"), n: n, total: scope.querySelectorAll("input[name]").length }));
        }
        keyList.querySelectorAll("li[data-min]").forEach(function (band) {
          var match = n >= +band.getAttribute("data-min") && n <= +band.getAttribute("data-max");
          band.classList.toggle("is-current", match);
          if (match) parts.push(band.querySelector(".checklist__reflection").textContent);
        });
      });
      var needsSupport = boxes.some(function (b) { return b.checked && b.hasAttribute("data-support"); });
      if (support) {
        support.hidden = !needsSupport;
        if (needsSupport) parts.push(support.textContent);
      }
      status.textContent = parts.join(" ");
      save();
    }

    var saved = null;
    try { saved = store && JSON.parse(store.getItem(key)); } catch (e) { saved = null; }
    if (Array.isArray(saved)) {
      remember.checked = true;
      boxes.forEach(function (b) { b.checked = saved.indexOf(b.name) >= 0; });
    }
    form.querySelector("[data-controls]").hidden = false;
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      if (store) store.removeItem(key);
      setTimeout(function () { // after the browser has unticked the boxes
        update();
        status.textContent = form.getAttribute("data-cleared");
      }, 0);
    });
    if (support) support.hidden = !boxes.some(function (b) { return b.checked && b.hasAttribute("data-support"); });
    if (saved) update();
  });
})();
