"""The run event stream as a GraphQL subscription over WebSockets (graphql-transport-ws)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.db import Database
from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings

SUBSCRIBE = "subscription($id: ID!) { run_events(run_id: $id, follow: false) { seq type } }"


def test_run_events_over_a_websocket(
    settings: Settings, domain_settings: dict[str, DomainSettings], database: Database
) -> None:
    with TestClient(
        create_app(settings=settings, domain_settings=domain_settings),
        base_url="http://test/arkloop",
    ) as client:
        account = {"login": "wsuser", "password": "correct horse battery", "email": "w@x.io"}
        token = client.post("/v1/auth/register", json=account).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        thread = client.post("/v1/threads", json={"title": "T"}, headers=auth).json()
        client.post(f"/v1/threads/{thread['id']}/messages", json={"content": "hi"}, headers=auth)
        run_id = client.post(f"/v1/threads/{thread['id']}/runs", json={}, headers=auth).json()[
            "run_id"
        ]
        with client.websocket_connect(
            "ws://test/arkloop/graphql", subprotocols=["graphql-transport-ws"], headers=auth
        ) as socket:
            socket.send_json({"type": "connection_init"})
            assert socket.receive_json()["type"] == "connection_ack"
            socket.send_json(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": SUBSCRIBE, "variables": {"id": run_id}},
                }
            )
            first = socket.receive_json()
            assert first["type"] == "next", first
            assert first["payload"]["data"]["run_events"] == {"seq": 1, "type": "run.started"}
            assert socket.receive_json()["type"] == "complete"
