"""Rasa reaches the action server over one kept connection, tested with Rasa's own Python."""

from __future__ import annotations

import subprocess
import textwrap

from infobansos.settings import PROJECT_ROOT

RASA_PYTHON = PROJECT_ROOT / ".venv-rasa" / "bin" / "python"

SCRIPT = textwrap.dedent(
    """
    import asyncio
    from aiohttp import web
    import nlu_components  # installs the shared session, as loading the model does
    from rasa.utils.endpoints import EndpointConfig

    async def main():
        peers = []

        async def webhook(request):
            peers.append(request.transport.get_extra_info("peername"))
            return web.json_response({"events": [], "responses": [{"text": await request.text()}]})

        app = web.Application()
        app.router.add_post("/webhook", webhook)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        answers = [await endpoint.request(json={"n": n}) for n in range(5)]
        assert [a["responses"][0]["text"] for a in answers] == [f'{{"n": {n}}}' for n in range(5)], answers
        assert len(set(peers)) == 1, peers
        other = EndpointConfig(f"http://127.0.0.1:{port}/webhook", headers={"X-Lain": "1"})
        await other.request(json={})
        assert len(set(peers)) == 2, "other headers, another session"
        await runner.cleanup()
        print("ok")

    asyncio.run(main())
    """
)


def test_five_actions_use_one_connection_and_get_their_own_answers() -> None:
    result = subprocess.run(
        [str(RASA_PYTHON), "-c", SCRIPT], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=180
    )
    assert result.stdout.strip().endswith("ok"), result.stderr[-3000:]
