// Copy buttons on the profile and team pages: each names the element whose text it copies.
// Loaded with `defer`, never inline (CSP). Without a script the buttons stay hidden and the
// text can be selected by hand.
"use strict";

(function () {
  function textOf(source) {
    return source.tagName === "INPUT" ? source.value : source.textContent.trim();
  }

  function selectText(source) {
    if (source.tagName === "INPUT") {
      source.focus();
      source.select();
      return;
    }
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function say(button, message) {
    const status = document.getElementById(button.dataset.copyStatus);
    if (status) {
      status.textContent = message;
    }
  }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.hidden = false;
  });

  document.addEventListener("click", function (event) {
    const button = event.target.closest && event.target.closest("[data-copy]");
    if (!button) {
      return;
    }
    const source = document.getElementById(button.dataset.copy);
    if (!source) {
      return;
    }
    // The Clipboard API needs a secure context (HTTPS or localhost); elsewhere the text is
    // selected for the user to copy with the keyboard.
    if (!navigator.clipboard || !window.isSecureContext) {
      selectText(source);
      say(button, "Selected: press Ctrl+C (or ⌘C) to copy.");
      return;
    }
    navigator.clipboard.writeText(textOf(source)).then(
      function () {
        say(button, "Copied.");
      },
      function () {
        selectText(source);
        say(button, "Selected: press Ctrl+C (or ⌘C) to copy.");
      }
    );
  });
})();
