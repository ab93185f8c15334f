// modeltranslation labels its language tabs (and its language switch) with the
// languages' codes: this names them as the site's language registry does, each
// language in itself ("Français", "繁體中文"), from the page's #language-tabs data.
(function () {
  "use strict";

  function languages() {
    var data = document.getElementById("language-tabs");
    return data ? JSON.parse(data.textContent) : {};
  }

  function relabel(root, byCode) {
    var items = root.querySelectorAll(
      ".ui-tabs-nav a, #modeltranslation-main-switch option"
    );
    items.forEach(function (item) {
      var language = byCode[item.textContent.trim().toLowerCase()];
      if (!language) {
        return;
      }
      item.textContent = language.name;
      item.setAttribute("lang", language.tag);
      if (item.tagName === "A") {
        item.setAttribute("title", language.name);
      }
    });
  }

  function start() {
    var byCode = languages();
    relabel(document, byCode);
    // Tabs made later (an inline row added with "Add another") are named too.
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType === Node.ELEMENT_NODE) {
            relabel(node.parentNode || node, byCode);
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  // After modeltranslation's own ready handler, which builds the tabs.
  var jQuery = window.django && window.django.jQuery;
  if (jQuery) {
    jQuery(start);
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
