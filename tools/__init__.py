"""Scripts the Makefile runs beside the package (not installed with it)."""
