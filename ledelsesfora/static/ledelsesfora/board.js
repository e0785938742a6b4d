// Drag-and-drop ordering of the secretariat's board. The Up/Down buttons do the same without a
// mouse; this only saves the order a drag produced and reloads the board.
document.addEventListener("DOMContentLoaded", () => {
  const board = document.getElementById("board");
  if (!board || typeof Sortable === "undefined") return;
  const token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  Sortable.create(board, {
    draggable: ".movable",
    handle: ".agenda-body",
    onEnd: () => {
      const order = [...board.querySelectorAll(".movable")].map((li) => Number(li.dataset.id));
      const body = new URLSearchParams({ order: JSON.stringify(order) });
      fetch(board.dataset.orderUrl, {
        method: "POST",
        headers: { "X-CSRFToken": token, "Content-Type": "application/x-www-form-urlencoded" },
        body,
      }).then(() => window.location.reload());
    },
  });
});
