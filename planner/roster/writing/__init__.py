"""Writing roster files: the template, the export (which imports back unchanged), the CSV export
and the problem workbook HR fixes and uploads again."""
