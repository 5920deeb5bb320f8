"""A local Telegram Bot API stand-in on 127.0.0.1 that speaks the real wire format.

Used by the terminal chat, the e2e tests and the benchmarks; never by the product in production.
"""
