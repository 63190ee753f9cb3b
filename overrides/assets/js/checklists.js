// Reflective checklists: live tally and reflection. Answers never leave the browser; they are kept
// in localStorage only after the reader ticks "Remember on this device" (never offered on sensitive
// lists), and "Clear" removes them. A danger or self-harm item shows urgent help as soon as it is ticked.
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
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox][name]"));
    var store = null;
    try { store = window.localStorage; } catch (e) { /* storage blocked: nothing is kept */ }

    function ticked(scope) {
      return Array.prototype.filter.call(scope.querySelectorAll("input[name]"), function (b) { return b.checked; }).length;
    }

    function routeTicked(route) {
      return boxes.some(function (b) { return b.checked && b.getAttribute("data-route") === route; });
    }

    // Cards for danger and self-harm show first, and their titles are read out first.
    function showCards(parts) {
      form.querySelectorAll("[data-urgent]").forEach(function (card) {
        card.hidden = !routeTicked(card.getAttribute("data-urgent"));
        if (!card.hidden) parts.push(card.querySelector(".admonition-title").textContent);
      });
      var support = form.querySelector("[data-support-note]");
      if (support) support.hidden = !routeTicked("support");
    }

    function save() {
      if (!store || !remember) return;
      if (remember.checked) {
        store.setItem(key, JSON.stringify(boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.name; })));
      } else {
        store.removeItem(key);
      }
    }

    function update() {
      var parts = [];
      showCards(parts);
      parts.push(fill(form.getAttribute("data-tally"), { n: ticked(form), total: boxes.length }));
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
      status.textContent = parts.join(" ");
      save();
    }

    var saved = null;
    try { saved = remember && store && JSON.parse(store.getItem(key)); } catch (e) { saved = null; }
    if (Array.isArray(saved)) {
      remember.checked = true;
      boxes.forEach(function (b) { b.checked = saved.indexOf(b.name) >= 0; });
    }
    if (store && !remember) store.removeItem(key); // a list that became sensitive forgets what it kept
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
    showCards([]);
    if (saved) update();
  });
})();
