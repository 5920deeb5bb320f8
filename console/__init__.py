"""The staff console: outreach staff edit and publish answers, upload status data and read reports.

A server-rendered web app (Starlette, Jinja2, uvicorn) started by `make run` beside the bot, on
127.0.0.1 behind a TLS reverse proxy in production. Staff are civil servants, not engineers, so
every page is plain Indonesian, with big targets, and works on a phone.
"""
