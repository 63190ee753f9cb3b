// Site search, for readers who may be in distress or on a watched device. Plain JavaScript: nothing is
// stored or sent.
// - No trace: a search result's address carries the searched words (?h=...) so that the page can highlight
//   them. Once the theme has read them, they are taken out of the address and out of the history entry.
// - No dead end: a search that sounds like a crisis (mkdocs.yml `extra.search.crisis`), or that finds
//   nothing, shows a calm "Get help now" link and the glossary at the top of the search panel.
(function () {
  "use strict";

  // --- No trace -------------------------------------------------------------------------------------
  // The theme reads the address when the document is ready, in a listener it added before this script ran;
  // this one runs after it, so the highlight stays.
  function forget() {
    var url;
    try {
      url = new URL(window.location.href);
    } catch (e) {
      return;
    }
    if (!url.searchParams.has("h")) return;
    url.searchParams.delete("h");
    try {
      history.replaceState(history.state, "", url.pathname + url.search + url.hash);
    } catch (e) {
      // A browser that will not change this address (some do not for pages opened from disk) keeps it.
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", forget);
  } else {
    forget();
  }
  window.addEventListener("pageshow", forget); // a page restored from the back-forward cache

  // --- No dead end ----------------------------------------------------------------------------------
  var template = document.querySelector("template[data-search-help]");
  var search = document.querySelector('[data-md-component="search"]');
  var input = search && (search.querySelector('[data-md-component="search-query"]') || search.querySelector("input"));
  if (!template || !input || !template.content) return;

  // Words and phrases match whole words, whatever the case, hyphens and punctuation.
  function words(text) {
    return " " + String(text).toLowerCase().replace(/['\u2019]/g, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim() + " ";
  }
  var crisis = [];
  try {
    crisis = JSON.parse(template.getAttribute("data-crisis") || "[]").map(words);
  } catch (e) {
    crisis = [];
  }

  var panel = template.content.firstElementChild.cloneNode(true);
  var parts = {
    crisis: panel.querySelector(".search-help__crisis"),
    none: panel.querySelector(".search-help__none")
  };
  panel.hidden = true;
  var meta = search.querySelector(".md-search-result__meta");
  var list = search.querySelector(".md-search-result__list");
  if (meta) {
    meta.after(panel);
  } else {
    (input.form || input).after(panel);
  }

  var timer = 0;
  function show(isCrisis, isNone) {
    parts.crisis.hidden = !isCrisis;
    parts.none.hidden = isCrisis || !isNone;
    panel.hidden = !(isCrisis || isNone);
  }

  // A crisis shows at once; "nothing found" waits until the results have settled.
  function update() {
    var query = words(input.value);
    var isCrisis = query.trim() !== "" && crisis.some(function (phrase) {
      return phrase.trim() !== "" && query.indexOf(phrase) !== -1;
    });
    clearTimeout(timer);
    show(isCrisis, false);
    if (!list || query.trim() === "") return;
    timer = setTimeout(function () {
      show(isCrisis, words(input.value) === query && list.children.length === 0);
    }, 400);
  }

  input.addEventListener("input", update);
  if (input.form) input.form.addEventListener("reset", function () { setTimeout(update, 0); });
  if (list && window.MutationObserver) new MutationObserver(update).observe(list, { childList: true });
})();
