// Small enhancements only: every page works without this file.
// - Buttons that remove or cancel ask first.
// - The listing plan reloads itself while an apply is running.
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  if (button && /^(Remove|Cancel)$/.test(button.textContent.trim()) && !window.confirm(button.textContent.trim() + "?")) {
    event.preventDefault();
  }
});
if (document.getElementById("applying")) {
  setTimeout(() => window.location.reload(), 2000);
}
