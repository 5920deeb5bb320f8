"""Telegram front end: receives updates, redacts NIK/KK, asks Rasa, renders the replies."""
