// Small progressive enhancements; every page also works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // The public language chooser submits on change; its button is only for no-JS browsers.
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.form.querySelector(".bd-nojs")?.classList.add("d-none");
    select.addEventListener("change", () => select.form.submit());
  });

  // The top bar's "Rechercher ..." opens the search dialog (without JS it opens the page).
  const topSearch = document.getElementById("top-search");
  const dialog = document.getElementById("search-dialog");
  if (topSearch && dialog && window.bootstrap) {
    const modal = new bootstrap.Modal(dialog);
    const input = document.getElementById("dialog-q");
    const open = (event) => {
      event.preventDefault();
      input.value = topSearch.value;
      modal.show();
    };
    topSearch.addEventListener("focus", open);
    topSearch.form.addEventListener("submit", open);
    dialog.addEventListener("shown.bs.modal", () => {
      input.focus();
      if (input.value) htmx.trigger(input, "input");
    });
    dialog.addEventListener("hidden.bs.modal", () => topSearch.blur());
  }
});
