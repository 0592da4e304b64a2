// InvoiceRelay console: the little behaviour pages need, with no inline script (the CSP forbids it).
// Everything works without JavaScript; this only folds the menu on narrow screens.
document.addEventListener("DOMContentLoaded", function () {
  var toggle = document.querySelector(".menu-toggle");
  var nav = document.getElementById("nav");
  if (toggle && nav) {
    toggle.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
});
