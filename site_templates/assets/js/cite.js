/* Ashyq Derek: the copy buttons of a citation (button[data-copy] on the data pages, written
 * by _cite.j2). A button copies the text of the block of its citation whose data-cite it
 * names (not an id: Material renumbers the ids of code blocks) and says so in the
 * status beside it; its words come from the page (data-copied, data-failed), so the text is
 * translated with the page. Without scripts the buttons stay hidden and the text can be
 * selected. Where the Clipboard API is refused (an insecure origin, a denied permission) the
 * text is selected and copied the old way. */
(function () {
  "use strict";

  function selectText(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copyByCommand(el) {
    selectText(el);
    try { return document.execCommand("copy"); } catch (e) { return false; }
  }

  function say(button, text) {
    var status = button.parentNode.querySelector(".ashyq-copy-status");
    if (status) status.textContent = text;
  }

  function copy(button) {
    var box = button.closest(".ashyq-cite");
    var target = box && box.querySelector('[data-cite="' + button.getAttribute("data-copy") + '"]');
    if (!target) return;
    var text = target.textContent;
    var done = function () { say(button, button.getAttribute("data-copied")); };
    var fallback = function () {
      if (copyByCommand(target)) done(); else say(button, button.getAttribute("data-failed"));
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  function wire() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      if (button.dataset.wired) return;
      button.dataset.wired = "1";
      button.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
