"""Reading a roster (.xlsx, .csv or ASC-WDS): every row imported or reported. Start from
`importer.import_roster`."""
