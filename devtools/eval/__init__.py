"""NLU evaluation: held-out figures (`make eval`) and blind sets graded through Telegram (`make eval-blind`)."""
