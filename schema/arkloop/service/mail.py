"""Outgoing mail: written to `arkloop_mail_outbox` in the transaction of the request that causes
it, so mail exists exactly when the request's changes do. With an SMTP host configured, a durable
job per message delivers it (retried with backoff by the job worker); without one, mail stays
queued in the outbox."""

from __future__ import annotations

from email.message import EmailMessage

import aiosmtplib
from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from app.jobs import JobRun, enqueue

from ..models import MailOutbox, new_id
from ..settings import ArkloopSettings

QUEUE = "arkloop.mail"
QUEUED, SENT = "queued", "sent"


async def queue(
    session: AsyncSession, settings: ArkloopSettings, to: str, subject: str, body: str, kind: str
) -> MailOutbox:
    mail = MailOutbox(
        id=new_id(),
        to_address=to,
        subject=subject,
        body=body,
        kind=kind,
        status=QUEUED,
        created_at=utcnow(),
    )
    session.add(mail)
    await session.flush()
    if settings.smtp_host:
        await enqueue(session, QUEUE, {"mail_id": mail.id})
    return mail


def _message(settings: ArkloopSettings, mail: MailOutbox) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = mail.to_address
    message["Subject"] = mail.subject
    message["Message-ID"] = f"<{mail.id}@arkloop>"
    message.set_content(mail.body)
    return message


async def deliver(settings: ArkloopSettings, run: JobRun) -> None:
    """The job handler: send one outbox message over SMTP and mark it sent. A failure is noted on
    the message and raised, so the worker retries the job."""
    mail_id = str(run.payload["mail_id"])
    async with run.database.session() as session:
        mail = await session.get(MailOutbox, mail_id)
        if mail is None or mail.status == SENT:
            return
        message = _message(settings, mail)
    if not settings.smtp_host:
        raise RuntimeError("no SMTP host configured; the mail stays in the outbox")
    try:
        await aiosmtplib.send(
            message,
            hostname=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_user,
            password=settings.smtp_password,
            use_tls=settings.smtp_tls,
            timeout=settings.smtp_timeout_seconds,
        )
    except (aiosmtplib.SMTPException, OSError) as error:
        async with run.database.session() as session, session.begin():
            failed = await session.get(MailOutbox, mail_id)
            if failed is not None:
                failed.last_error = f"{type(error).__name__}: {error}"[:2000]
        raise
    async with run.database.session() as session, session.begin():
        sent = await session.get(MailOutbox, mail_id)
        if sent is not None:
            sent.status = SENT
            sent.sent_at = utcnow()
            sent.last_error = None
