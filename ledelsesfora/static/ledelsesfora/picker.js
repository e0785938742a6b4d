// The search box of a long choice of people (agenda/_picker.html): as one types, only the names
// that contain the text stay visible; chosen ones always stay. The count is announced.
document.addEventListener("input", (event) => {
  const search = event.target;
  if (!search.classList || !search.classList.contains("picker-search")) return;
  const picker = search.closest(".picker");
  const wanted = search.value.trim().toLocaleLowerCase("da");
  let shown = 0;
  for (const row of picker.querySelectorAll(".picker-list li")) {
    const box = row.querySelector("input");
    const hit = !wanted || box.checked || row.textContent.toLocaleLowerCase("da").includes(wanted);
    row.hidden = !hit;
    shown += hit ? 1 : 0;
  }
  const count = picker.querySelector(".picker-count");
  if (count) count.textContent = wanted ? `${shown} ${picker.dataset.shown || ""}`.trim() : "";
});
