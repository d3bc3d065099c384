// Inputs that hold a list (data-suggest-separator, see core.lookups.SuggestInput): picking a
// suggestion replaces only the item being typed, not the items before it. Without this script
// the list is still typed by hand, separated by the separator.
(function () {
  "use strict";
  document.addEventListener("input", function (event) {
    const input = event.target;
    const separator = input.dataset ? input.dataset.suggestSeparator : undefined;
    if (!separator) {
      return;
    }
    const picked = event.inputType === "insertReplacementText" || event.inputType === undefined;
    if (picked) {
      const items = (input.dataset.suggestTyped || "").split(separator);
      items.pop();
      const kept = items.map(function (item) { return item.trim(); }).filter(Boolean);
      if (kept.length) {
        input.value = kept.concat([input.value.trim()]).join(separator + " ");
      }
    }
    input.dataset.suggestTyped = input.value;
  });
})();
