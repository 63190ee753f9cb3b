// Site search, for readers who may be in distress or on a watched device. Plain JavaScript: nothing is
// sent anywhere.
// - No trace: the theme's search results link to `page/?h=searched+words`, so that the page can highlight
//   the words; the browser then keeps the words in its history list, even if the address is changed later.
//   So the results here link to the plain address, and the words go to the next page in this tab's
//   sessionStorage, which that page reads once, deletes, and highlights.
// - No dead end: a search that sounds like a crisis (mkdocs.yml `extra.search.crisis`), or that finds
//   nothing, shows a calm "Get help now" link and the glossary at the top of the search panel.
(function () {
  "use strict";

  // --- No trace -------------------------------------------------------------------------------------
  var KEY = "trust-guide:highlight";

  // The words for one page: kept until that page, or any other, opens in this tab.
  function store(link) {
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ page: new URL(link.href).pathname,
                                                   words: link.getAttribute("data-highlight") }));
    } catch (e) { /* storage turned off: the page opens without highlights */ }
  }

  function take() {
    var handed = null;
    try {
      handed = JSON.parse(sessionStorage.getItem(KEY) || "null");
      sessionStorage.removeItem(KEY);
    } catch (e) { /* as above */ }
    return handed && handed.page === window.location.pathname ? handed.words : null;
  }

  // A result's address without the words; the words stay on the link, in this page only.
  function plain(link) {
    var url;
    try {
      url = new URL(link.href);
    } catch (e) {
      return;
    }
    if (!url.searchParams.has("h")) return;
    link.setAttribute("data-highlight", url.searchParams.get("h"));
    url.searchParams.delete("h");
    link.href = url.href;
  }

  // An address that still carries words (an old link, or a theme this script does not know) loses them
  // from the address bar and the Back and Forward list. The theme reads them first, in a listener it added
  // before this script ran, so its highlight stays.
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
    } catch (e) { /* a browser that will not change this address keeps it */ }
  }

  // Mark the words where they start a word in the page's text, as the theme's own highlight does.
  function highlight(words) {
    var content = document.querySelector(".md-content article") || document.querySelector("main");
    var terms = words.split(/\s+/).filter(Boolean).map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    });
    if (!content || !terms.length) return;
    var pattern = new RegExp("(^|[^\\p{L}\\p{N}])(" + terms.join("|") + ")", "giu");
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT), nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var parent = node.parentElement;
      if (parent && parent.offsetHeight && !parent.closest("mark, script, style, svg")) nodes.push(node);
    }
    nodes.forEach(function (text) {
      var value = text.nodeValue, last = 0, match, parts = document.createDocumentFragment();
      pattern.lastIndex = 0;
      while ((match = pattern.exec(value))) {
        var start = match.index + match[1].length;
        parts.appendChild(document.createTextNode(value.slice(last, start)));
        var mark = document.createElement("mark");
        mark.setAttribute("data-md-highlight", "");
        mark.textContent = match[2];
        parts.appendChild(mark);
        last = start + match[2].length;
        if (match[0].length === 0) pattern.lastIndex++;
      }
      if (!last) return;
      parts.appendChild(document.createTextNode(value.slice(last)));
      text.parentNode.replaceChild(parts, text);
    });
  }

  var handed = take();
  function arrive() {
    forget();
    if (handed) highlight(handed);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", arrive);
  } else {
    arrive();
  }
  window.addEventListener("pageshow", forget); // a page restored from the back-forward cache

  // Following a result in this tab (a click, a tap, or Enter in the search box) hands its words over.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest("a[data-highlight]");
    if (link && event.button === 0 && !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)) {
      store(link);
    }
  }, true);

  // --- No dead end ----------------------------------------------------------------------------------
  var template = document.querySelector("template[data-search-help]");
  var search = document.querySelector('[data-md-component="search"]');
  var input = search && (search.querySelector('[data-md-component="search-query"]') || search.querySelector("input"));
  if (!template || !input || !template.content) return;

  // Words and phrases match whole words, whatever the case, hyphens and punctuation.
  function normal(text) {
    return " " + String(text).toLowerCase().replace(/['\u2019]/g, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim() + " ";
  }
  var crisis = [];
  try {
    crisis = JSON.parse(template.getAttribute("data-crisis") || "[]").map(normal);
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
    var query = normal(input.value);
    var isCrisis = query.trim() !== "" && crisis.some(function (phrase) {
      return phrase.trim() !== "" && query.indexOf(phrase) !== -1;
    });
    clearTimeout(timer);
    show(isCrisis, false);
    if (!list || query.trim() === "") return;
    timer = setTimeout(function () {
      show(isCrisis, normal(input.value) === query && list.children.length === 0);
    }, 400);
  }

  input.addEventListener("input", update);
  if (input.form) input.form.addEventListener("reset", function () { setTimeout(update, 0); });
  if (list && window.MutationObserver) {
    new MutationObserver(function () {
      list.querySelectorAll('a[href*="h="]').forEach(plain);
      update();
    }).observe(list, { childList: true, subtree: true });
  }
})();
