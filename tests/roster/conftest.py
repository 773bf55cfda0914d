"""Fixtures the roster tests share."""

from tests.roster.libreoffice import soffice

__all__ = ["soffice"]
