// Bootstrap's CSS reduced to the selectors the portal uses (issue 15: first load of the login
// page <= 60 KB transferred). `make assets` runs it over node_modules/bootstrap into
// static/vendor/bootstrap.min.css; tests/browser/test_look.py checks the pages look the same with
// it as with the whole of Bootstrap, brokerdesk/quotes/tests/test_page_weight.py what they
// weigh.
//
// A class survives when its name appears in a template, our JavaScript, our Python (form
// widgets' classes, badges) or Bootstrap's own JavaScript (the classes it sets: collapsing,
// show, modal-open...). What none of them spell out whole is listed below.
module.exports = {
  content: [
    "templates/**/*.html",
    "static/js/**/*.js",
    "brokerdesk/**/*.py",
    "brokerdesk/support/articles/**/*.md",
    "node_modules/bootstrap/dist/js/bootstrap.bundle.js",
  ],
  css: ["node_modules/bootstrap/dist/css/bootstrap.min.css"],
  safelist: {
    standard: [
      // Built in templates from pieces: col-lg-{% if %}6{% else %}9, alert-{{ tags }}.
      "col-lg-6",
      "col-lg-9",
      "col-lg-12",
      "alert-success",
      "alert-info",
      "alert-warning",
      "alert-danger",
      "alert-debug",
      // Every element HTML may hold (help articles are Markdown, chat answers are HTML).
      /^(html|body|h[1-6]|p|a|ul|ol|li|dl|dt|dd|table|caption|thead|tbody|tfoot|tr|th|td)$/,
      /^(blockquote|pre|code|kbd|samp|hr|img|svg|figure|figcaption|strong|b|em|small|mark)$/,
      /^(abbr|sub|sup|label|input|button|select|optgroup|textarea|fieldset|legend|output)$/,
      /^(progress|summary|details|iframe|address|main|nav|header|footer|section|aside)$/,
      /^(article|template)$/,
      // Classes set by JavaScript (Bootstrap's plugins, htmx) and the states they toggle;
      // Bootstrap's own script is read as content too, for the rest.
      /^collaps/,
      /^(show|showing|hiding|fade)$/,
      /^drop(down|up|start|end)/,
      /^modal/,
      /^offcanvas/,
      /^htmx-/,
      /^(was-validated|is-invalid|is-valid|active|disabled)$/,
      /^visually-hidden/,
    ],
  },
  // Keep every custom property: Bootstrap's components and our CSS read them at run time.
  variables: false,
  keyframes: true,
  fontFace: true,
};
