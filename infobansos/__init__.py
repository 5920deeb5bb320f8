"""Code that both the Telegram bot and the action server need: settings, storage, content, privacy."""
