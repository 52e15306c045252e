// Every page: the menu button and the folded register filters on a narrow screen.
// Loaded in <head> without defer, so that the "js" class is set before the first paint: the CSS
// folds the menu only when this script runs. Without it the navigation and the filters stay
// open, and the menu button stays hidden (the CSS shows it only under html.js).
(function () {
  "use strict";

  var NARROW = "(max-width: 40rem)"; // the same breakpoint as static/css/horeport.css
  document.documentElement.classList.add("js");

  function setMenu(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.closest(".site-header").classList.toggle("is-menu-open", open);
  }

  function foldFilters(narrow) {
    // Folded on a phone, open on a wide screen (where the summary is not shown).
    document.querySelectorAll("details[data-filter-fold]").forEach(function (details) {
      details.open = !narrow;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-menu-button]");
    if (button) {
      button.addEventListener("click", function () {
        setMenu(button, button.getAttribute("aria-expanded") !== "true");
      });
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
          setMenu(button, false);
          button.focus();
        }
      });
    }

    var narrow = window.matchMedia(NARROW);
    foldFilters(narrow.matches);
    narrow.addEventListener("change", function (event) {
      foldFilters(event.matches);
      if (button && !event.matches) setMenu(button, false);
    });
  });
})();
