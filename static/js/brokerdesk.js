// Small progressive enhancements; every page also works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // The public language chooser submits when a language is picked with the mouse, or on
  // Enter. Arrow keys only move through the list (WCAG 3.2.2): the "Changer" button then
  // shows, as it always does without JavaScript.
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    const button = select.form.querySelector(".bd-nojs");
    button?.classList.add("d-none");
    let byKeyboard = false;
    select.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        select.form.submit();
      } else if (event.key !== "Tab") {
        byKeyboard = true;
      }
    });
    select.addEventListener("pointerdown", () => {
      byKeyboard = false;
    });
    select.addEventListener("change", () => {
      if (byKeyboard) button?.classList.remove("d-none");
      else select.form.submit();
    });
  });

  // After a refused submit the title says so first, and focus goes to the first problem
  // (the form's message, or the first invalid field) rather than to the top of the page.
  const problems = [...document.querySelectorAll(
    "main form .alert-danger[role='alert'], main [aria-invalid='true']"
  )].filter((el) => el.checkVisibility());
  if (problems.length) {
    document.title = `${document.body.dataset.errorTitle} ${document.title}`;
    const first = problems[0];
    if (first.matches(".alert")) first.tabIndex = -1;
    first.focus();
  }

  // The top bar's "Rechercher ..." opens the search dialog on a click or on Enter (without JS
  // it opens the page). Not on focus: Tab and Shift+Tab must pass through the bar freely.
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
    topSearch.addEventListener("click", open);
    topSearch.form.addEventListener("submit", open);
    dialog.addEventListener("shown.bs.modal", () => {
      input.focus();
      if (input.value) htmx.trigger(input, "input");
    });
    // Back where the user was: focus returns to the field that opened the dialog.
    dialog.addEventListener("hidden.bs.modal", () => topSearch.focus());
  }

  // The help chat: a panel opened from the bottom-right button (a link to /help/ without JS).
  const toggle = document.getElementById("bd-chat-toggle");
  const panel = document.getElementById("bd-chat-panel");
  if (toggle && panel) {
    const question = document.getElementById("bd-chat-question");
    const log = document.getElementById("bd-chat-log");
    const setOpen = (open) => {
      panel.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      if (open) {
        htmx.trigger(log, "bd-chat-open");
        question.focus();
      } else {
        toggle.focus();
      }
    };
    // Without JavaScript "Aide" is a link to the help centre; with it, a button.
    toggle.setAttribute("role", "button");
    toggle.addEventListener("keydown", (event) => {
      if (event.key === " ") {
        event.preventDefault();
        toggle.click();
      }
    });
    toggle.addEventListener("click", (event) => {
      event.preventDefault();
      setOpen(panel.hidden);
    });
    document.getElementById("bd-chat-close").addEventListener("click", () => setOpen(false));
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") setOpen(false);
    });
    document.getElementById("bd-chat-form").addEventListener("htmx:afterRequest", (event) => {
      event.target.reset();
      question.focus();
    });

    log.addEventListener("htmx:afterSwap", () => {
      log.parentElement.scrollTop = log.parentElement.scrollHeight;
      // A suggestion asked is replaced by the next ones, taking focus with it: focus goes
      // back to the question field rather than to the top of the page.
      if (!panel.contains(document.activeElement)) question.focus();
    });
  }

  // htmx results announce their count: the fragment carries it in data-status-text, copied
  // into the page's role="status" line, which stays in place so screen readers read the change.
  document.body.addEventListener("htmx:afterSwap", (event) => {
    const target = event.detail.target;
    const status = target.dataset.status && document.getElementById(target.dataset.status);
    if (!status) return;
    const source = target.querySelector("[data-status-text]");
    status.textContent = source ? source.dataset.statusText : "";
  });

  // A table wider than the screen scrolls sideways: keyboard users must be able to reach it.
  const scrollables = () =>
    document.querySelectorAll(".table-responsive").forEach((box) => {
      if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
      else box.removeAttribute("tabindex");
    });
  scrollables();
  window.addEventListener("resize", scrollables);
  document.body.addEventListener("htmx:afterSettle", scrollables);
});
