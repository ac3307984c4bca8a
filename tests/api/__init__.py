"""Tests of the REST API and the dashboard (a package, so that its conftest does not shadow
tests/conftest.py for the modules that import from it)."""
