"""The eligibility self-check ("Apakah saya berhak?", issue 16)."""
