"""Email verification, login by mailed code and identity resolution on both transports, reading
the mail from the outbox; then delivery of queued mail through a real (local) SMTP server."""

from __future__ import annotations

import asyncio
import re
import socket
from collections.abc import Iterator
from email import message_from_bytes
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from app.db import Database
from app.jobs import Job, Worker
from app.settings import Settings
from schema.arkloop import domain
from schema.arkloop.models import MailOutbox
from schema.arkloop.service import mail
from schema.arkloop.settings import ArkloopSettings

from .api import GraphQL, Rest, register

Api = Rest | GraphQL


async def outbox(database: Database, to: str) -> list[MailOutbox]:
    async with database.session() as session:
        query = select(MailOutbox).where(MailOutbox.to_address == to)
        return list((await session.scalars(query.order_by(MailOutbox.created_at))).all())


async def test_email_verification(api: Api, database: Database) -> None:
    token = await register(api)
    assert (await api.call("getMe", token=token)).data["email_verified"] is False
    sent = await api.call("sendEmailVerification", token=token)
    assert sent.status == 204 and sent.code is None
    [letter] = await outbox(database, "alice@example.com")
    assert letter.kind == "email_verify" and letter.status == "queued"
    secret = letter.body.split("\n\n")[2].strip()

    wrong = await api.call("confirmEmailVerification", input={"token": "nope"})
    assert (wrong.status, wrong.code) == (422, "email.token_invalid")
    confirmed = await api.call("confirmEmailVerification", input={"token": secret})
    assert confirmed.data == {"ok": True}
    assert (await api.call("getMe", token=token)).data["email_verified"] is True
    again = await api.call("confirmEmailVerification", input={"token": secret})
    assert (again.status, again.code) == (422, "email.token_invalid")
    assert (await api.call("sendEmailVerification")).code == "auth.missing_token"


def _code(letter: MailOutbox) -> str:
    found = re.search(r"\b(\d{6})\b", letter.body)
    assert found is not None
    return found.group(1)


async def test_login_by_mailed_code(api: Api, database: Database) -> None:
    await register(api)
    unknown = await api.call("sendEmailOtp", input={"email": "nobody@example.com"})
    assert unknown.status == 204 and await outbox(database, "nobody@example.com") == []
    assert (await api.call("sendEmailOtp", input={"email": "Alice@example.com"})).status == 204
    soon = await api.call("sendEmailOtp", input={"email": "alice@example.com"})
    assert (soon.status, soon.code) == (429, "auth.otp_rate_limited")
    [letter] = await outbox(database, "alice@example.com")
    code = _code(letter)
    wrong = "000000" if code != "000000" else "111111"

    bad = await api.call("verifyEmailOtp", input={"email": "alice@example.com", "otp": wrong})
    assert (bad.status, bad.code) == (422, "auth.otp_invalid")
    good = await api.call("verifyEmailOtp", input={"email": "alice@example.com", "otp": code})
    assert good.data["token_type"] == "bearer"
    me = (await api.call("getMe", token=good.data["access_token"])).data
    assert me["username"] == "alice" and me["email_verified"] is True
    spent = await api.call("verifyEmailOtp", input={"email": "alice@example.com", "code": code})
    assert (spent.status, spent.code) == (422, "auth.otp_invalid")
    missing = await api.call("verifyEmailOtp", input={"email": "alice@example.com"})
    assert (missing.status, missing.code) == (422, "validation.error")


async def test_wrong_codes_lock_the_code(
    api: Api, database: Database, arkloop_settings: ArkloopSettings
) -> None:
    await register(api)
    await api.call("sendEmailOtp", input={"email": "alice@example.com"})
    [letter] = await outbox(database, "alice@example.com")
    code = _code(letter)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(arkloop_settings.otp_max_attempts):
        body = {"email": "alice@example.com", "otp": wrong}
        assert (await api.call("verifyEmailOtp", input=body)).code == "auth.otp_invalid"
    locked = await api.call("verifyEmailOtp", input={"email": "alice@example.com", "otp": code})
    assert (locked.status, locked.code) == (429, "auth.otp_locked")


async def test_resolve(api: Api, database: Database) -> None:
    await register(api)
    known = (await api.call("resolveIdentity", input={"identity": "alice@example.com"})).data
    assert known["next_step"] == "password" and known["otp_available"] is True
    assert known["masked_email"] == "a***e@example.com" and known["invite_required"] is False
    assert known["prefill"] == {"login": "alice", "email": None}
    flow = known["flow_token"]

    new = (await api.call("resolveIdentity", input={"identity": "bob@example.com"})).data
    assert new["next_step"] == "register" and new["flow_token"] is None
    assert new["prefill"] == {"login": None, "email": "bob@example.com"}
    by_name = (await api.call("resolveIdentity", input={"identity": "bob"})).data
    assert by_name["prefill"] == {"login": "bob", "email": None}
    bad = await api.call("resolveIdentity", input={"identity": "bob@"})
    assert (bad.status, bad.code) == (422, "validation.error")

    forged = await api.call("resolveOtpSend", input={"flow_token": "x.y.z"})
    assert (forged.status, forged.code) == (401, "auth.flow_token_invalid")
    assert (await api.call("resolveOtpSend", input={"flow_token": flow})).status == 204
    [letter] = await outbox(database, "alice@example.com")
    signed_in = await api.call(
        "resolveOtpVerify", input={"flow_token": flow, "code": _code(letter)}
    )
    assert (await api.call("getMe", token=signed_in.data["access_token"])).data["username"] == (
        "alice"
    )


async def test_resolve_reports_invite_only(api: Api, arkloop_settings: ArkloopSettings) -> None:
    arkloop_settings.registration_mode = "invite_only"
    try:
        new = (await api.call("resolveIdentity", input={"identity": "carol"})).data
    finally:
        arkloop_settings.registration_mode = "open"
    assert new["next_step"] == "register" and new["invite_required"] is True


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(
            (envelope.mail_from, list(envelope.rcpt_tos), message_from_bytes(envelope.content))
        )
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


async def _queue(database: Database, settings: ArkloopSettings, to: str) -> str:
    async with database.session() as session, session.begin():
        letter = await mail.queue(session, settings, to, "Hello", "Body text", "test")
    return letter.id


async def test_queued_mail_is_delivered_over_smtp(
    database: Database,
    settings: Settings,
    arkloop_settings: ArkloopSettings,
    smtp_server: tuple[Inbox, int],
) -> None:
    inbox, port = smtp_server
    smtp = arkloop_settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_from": "Arkloop <noreply@arkloop.test>",
        }
    )
    mail_id = await _queue(database, smtp, "bob@example.com")
    assert await Worker(database, settings, domain.handlers(smtp)).run_once() == 1
    for _ in range(50):
        if inbox.messages:
            break
        await asyncio.sleep(0.05)
    [(sender, recipients, message)] = inbox.messages
    assert sender == "noreply@arkloop.test" and recipients == ["bob@example.com"]
    assert message["Subject"] == "Hello" and "Body text" in message.get_payload()
    async with database.session() as session:
        row = await session.get(MailOutbox, mail_id)
        assert row is not None and row.status == "sent" and row.sent_at is not None


async def test_failed_delivery_stays_queued_and_retries(
    database: Database, settings: Settings, arkloop_settings: ArkloopSettings
) -> None:
    dead = arkloop_settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": free_port(),
            "smtp_timeout_seconds": 2.0,
        }
    )
    mail_id = await _queue(database, dead, "bob@example.com")
    assert await Worker(database, settings, domain.handlers(dead)).run_once() == 1
    async with database.session() as session:
        row = await session.get(MailOutbox, mail_id)
        assert row is not None and row.status == "queued" and row.last_error
        job = (await session.scalars(select(Job).where(Job.queue == mail.QUEUE))).one()
        assert job.status == "pending" and job.attempts == 1 and job.last_error


async def test_without_smtp_mail_stays_in_the_outbox(
    database: Database, arkloop_settings: ArkloopSettings
) -> None:
    assert arkloop_settings.smtp_host is None
    mail_id = await _queue(database, arkloop_settings, "bob@example.com")
    async with database.session() as session:
        assert (await session.scalars(select(Job))).first() is None
        row = await session.get(MailOutbox, mail_id)
        assert row is not None and row.status == "queued"


async def test_login_code_travels_by_smtp_end_to_end(
    api: Api,
    database: Database,
    settings: Settings,
    arkloop_settings: ArkloopSettings,
    smtp_server: tuple[Inbox, int],
) -> None:
    """With SMTP configured, the request queues the mail and its delivery job in one
    transaction; the worker sends it, and the code from the delivered message logs in."""
    inbox, port = smtp_server
    await register(api)
    arkloop_settings.smtp_host, arkloop_settings.smtp_port = "127.0.0.1", port
    try:
        assert (await api.call("sendEmailOtp", input={"email": "alice@example.com"})).status == 204
        assert await Worker(database, settings, domain.handlers(arkloop_settings)).run_once() == 1
    finally:
        arkloop_settings.smtp_host, arkloop_settings.smtp_port = None, 587
    [(_, recipients, message)] = inbox.messages
    assert recipients == ["alice@example.com"]
    found = re.search(r"\b(\d{6})\b", message.get_payload())
    assert found is not None
    body = {"email": "alice@example.com", "otp": found.group(1)}
    assert (await api.call("verifyEmailOtp", input=body)).data["token_type"] == "bearer"
    [letter] = await outbox(database, "alice@example.com")
    assert letter.status == "sent"
