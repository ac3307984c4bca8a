"""Exports of coded events to other formats."""
