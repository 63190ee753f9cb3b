// Quick exit, print button and copy-link buttons. Plain JavaScript, no requests, nothing stored.
(function () {
  "use strict";
  var exit = document.querySelector("[data-quick-exit]");

  // Blank the page at once, then leave with location.replace so that Back does not return here.
  function leave(event) {
    if (event) event.preventDefault();
    document.title = "";
    document.body.innerHTML = "";
    window.location.replace(exit.href);
  }

  if (exit) {
    exit.addEventListener("click", leave);
    var presses = [];
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift" || event.repeat) return;
      var now = Date.now();
      presses = presses.filter(function (t) { return now - t < 1500; });
      presses.push(now);
      if (presses.length >= 3) leave();
    });
  }

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Copy buttons only where they can work: the clinicians' directory lists each address as text.
  document.querySelectorAll("[data-copy-label] .directory__url").forEach(function (url) {
    var list = url.closest("[data-copy-label]"), button = document.createElement("button"),
      name = document.createElement("span");
    button.type = "button";
    button.className = "md-button directory__copy";
    button.setAttribute("data-copy", url.textContent);
    button.setAttribute("data-copied", list.getAttribute("data-copied"));
    button.textContent = list.getAttribute("data-copy-label");
    name.className = "visually-hidden";
    name.textContent = ": " + url.previousElementSibling.textContent;
    button.appendChild(name);
    url.after(button);
  });

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var label = button.firstChild.textContent;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-copy");
      var done = function () {
        button.firstChild.textContent = button.getAttribute("data-copied") || "Copied";
        setTimeout(function () { button.firstChild.textContent = label; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(done);
      } else {
        var area = document.createElement("textarea");
        area.value = url;
        document.body.appendChild(area);
        area.select();
        document.execCommand("copy");
        area.remove();
        done();
      }
    });
  });
})();
