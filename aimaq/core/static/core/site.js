/* Aimaq site frame: keyboard use of the territory switcher's suggestions. No inline JS
   anywhere (the Content-Security-Policy forbids it); htmx does the fetching. */
(function () {
  "use strict";

  function links(box) {
    return Array.prototype.slice.call(box.querySelectorAll("a"));
  }

  document.addEventListener("keydown", function (event) {
    var input = document.getElementById("territory-switcher-q");
    var box = document.getElementById("territory-suggestions");
    if (!input || !box) return;
    var items = links(box);
    var index = items.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && (document.activeElement === input || index >= 0)) {
      if (items.length) {
        event.preventDefault();
        items[Math.min(index + 1, items.length - 1)].focus();
      }
    } else if (event.key === "ArrowUp" && index >= 0) {
      event.preventDefault();
      if (index === 0) input.focus();
      else items[index - 1].focus();
    } else if (event.key === "Escape" && (document.activeElement === input || index >= 0)) {
      box.innerHTML = "";
      input.focus();
    }
  });

  // Clicking elsewhere closes the suggestions.
  document.addEventListener("click", function (event) {
    var box = document.getElementById("territory-suggestions");
    var form = box && box.closest("form");
    if (form && !form.contains(event.target)) box.innerHTML = "";
  });

  // A form that creates something is sent once: a second click while the first is on its
  // way does nothing (the server, too, makes it once: aimaq.core.submissions).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    // htmx sends its own forms (hx-post): they say hx-sync="this:drop" instead.
    if (!form.querySelector('input[name="submission"]') || form.hasAttribute("hx-post")) return;
    if (form.dataset.sending) {
      event.preventDefault();
      return;
    }
    form.dataset.sending = "1";
    form.setAttribute("aria-busy", "true");
  });

  // A page come back to with the Back button may be sent again.
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-sending]"), function (form) {
      delete form.dataset.sending;
      form.removeAttribute("aria-busy");
    });
  });
})();
