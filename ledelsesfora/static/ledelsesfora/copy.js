// Copy buttons: <button data-copy="ID" data-copied="…"> copies the value of the field with that
// id and says so in the button's status element (a live region). The buttons are hidden until
// this script runs; without it the field can still be selected and copied by hand.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-copy]")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const field = document.getElementById(button.dataset.copy);
      const status = document.getElementById(`${button.dataset.copy}-status`);
      try {
        await navigator.clipboard.writeText(field.value);
      } catch {
        field.select();
        document.execCommand("copy");
      }
      for (const other of document.querySelectorAll("[data-copy]")) {
        document.getElementById(`${other.dataset.copy}-status`).textContent = "";
      }
      status.textContent = button.dataset.copied;
    });
  }
});
