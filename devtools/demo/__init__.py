"""Synthetic resident traffic for trying the analysts' report (`make demo-data`)."""
