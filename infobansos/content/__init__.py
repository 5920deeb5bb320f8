"""Answers as data: the content store, its Jinja2 templates, the status texts, and the content checks."""
