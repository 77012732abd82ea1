// The export page's "Chọn tất cả": ticks or clears every column box of its
// resource. Loaded as a file, as the admin's Content-Security-Policy allows no
// inline script (templates/admin/import_export/export.html).
document.addEventListener("change", (event) => {
  const toggle = event.target.closest(".select-toggle");
  if (!toggle) {
    return;
  }
  const index = toggle.closest("[resource-index]")?.getAttribute("resource-index");
  const rows = index === undefined || index === null
    ? document.querySelectorAll(".selectable-field-export-row")
    : document.querySelectorAll(`.selectable-field-export-row[resource-index="${index}"]`);
  rows.forEach((row) => {
    row.querySelectorAll('input[type="checkbox"]:not(.select-toggle)').forEach((box) => {
      box.checked = toggle.checked;
    });
  });
});
