"""The analysts' report (`make report`) and its loop back into training data (`make export-confusions`).

Figures are aggregated in SQL so a year of questions stays fast; only the questions the bot
struggled with are pulled into Python, where they are grouped into confusion clusters.
"""
