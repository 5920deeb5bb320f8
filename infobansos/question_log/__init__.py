"""What residents asked and how it went: one row per turn, and every rule that flags a confusion."""
