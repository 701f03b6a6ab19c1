// Small progressive enhancements; every page also works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // The public language chooser submits on change; its button is only for no-JS browsers.
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.form.querySelector(".bd-nojs")?.classList.add("d-none");
    select.addEventListener("change", () => select.form.submit());
  });
});
