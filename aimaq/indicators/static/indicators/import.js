/* A confirm button submits once: the server also refuses a second start, this just says so. */
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.classList || !form.classList.contains("confirm-form")) return;
  if (form.dataset.sent) { event.preventDefault(); return; }
  form.dataset.sent = "1";
  form.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-disabled", "true"); });
});
