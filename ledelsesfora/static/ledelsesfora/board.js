// Ordering on the secretariat's board, without a reload. The Up and Down buttons post with htmx
// (hx-post on their forms) and dragging posts the new order; either way the server answers with
// the board's items in their new order, swapped in place, and a sentence in the live region
// saying what moved where (or why nothing did). The button that was pressed keeps the focus.
(() => {
  let focused = null;

  function sortable() {
    const board = document.getElementById("board");
    if (!board || typeof Sortable === "undefined" || typeof htmx === "undefined") return;
    Sortable.create(board, {
      draggable: ".movable",
      handle: ".agenda-body",
      onEnd: () => {
        const order = [...board.querySelectorAll(".movable")].map((li) => Number(li.dataset.id));
        const token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
        htmx.ajax("POST", board.dataset.orderUrl, {
          target: "#board-order",
          swap: "outerHTML",
          values: { order: JSON.stringify(order), csrfmiddlewaretoken: token },
        });
      },
    });
  }

  document.addEventListener("DOMContentLoaded", sortable);
  document.addEventListener("htmx:beforeRequest", () => {
    focused = document.activeElement && document.activeElement.id;
  });
  document.addEventListener("htmx:afterSettle", (event) => {
    if (event.detail.target && event.detail.target.id !== "board-order") return;
    sortable();
    const again = focused && document.getElementById(focused);
    if (again) again.focus();
  });
})();
