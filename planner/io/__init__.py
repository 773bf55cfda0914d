"""Reading and writing services: service JSON, roster spreadsheets, workbooks."""
