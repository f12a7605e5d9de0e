"""Connected accounts and their bots, credential checks, contacts and sent messages."""

from __future__ import annotations

import enum
from datetime import datetime

import strawberry

from schema._shared.constraints import nullable, required
from schema._shared.relations import related
from schema._shared.scalars import JSONObject

from ..loaders import BotById


@strawberry.enum(description="The platforms an account can be connected on.")
class Platform(enum.Enum):
    telegram = "telegram"
    whatsapp = "whatsapp"
    slack = "slack"
    discord = "discord"
    gmail = "gmail"
    outlook = "outlook"
    linkedin = "linkedin"
    instagram = "instagram"
    twitter = "twitter"
    google_calendar = "google_calendar"
    outlook_calendar = "outlook_calendar"
    teams = "teams"
    facebook_messenger = "facebook_messenger"
    google_drive = "google_drive"
    google_docs = "google_docs"
    hubspot = "hubspot"
    notion = "notion"
    github = "github"
    asana = "asana"
    jira = "jira"
    linear = "linear"
    imessage = "imessage"
    feishu = "feishu"
    dingtalk = "dingtalk"
    qqbot = "qqbot"
    weixin = "weixin"


@strawberry.enum
class AccountStatus(enum.Enum):
    active = "active"
    paused = "paused"
    disabled = "disabled"


@strawberry.type
class Bot:
    id: strawberry.ID
    name: str
    description: str
    adapter: str
    enable: bool
    created_at: datetime
    updated_at: datetime


@strawberry.type(description="A connected account; its credentials are never answered.")
class Account:
    id: strawberry.ID
    platform: Platform
    external_id: str
    display_name: str
    status: AccountStatus
    metadata: JSONObject
    bot_id: strawberry.ID | None
    created_at: datetime
    updated_at: datetime
    bot: Bot | None = related(BotById, key="bot_id")


@strawberry.type
class Accounts:
    accounts: list[Account]


@strawberry.type
class Connected:
    account: Account


@strawberry.type
class Disconnected:
    success: bool
    deleted_account_id: strawberry.ID
    deleted_bot_ids: list[str]


@strawberry.type
class Validated:
    success: bool
    name: str


@strawberry.type
class Contact:
    id: strawberry.ID
    name: str
    type: str | None
    bot_id: strawberry.ID | None
    platform: str | None
    email: str | None
    phone: str | None
    last_interaction: datetime | None


@strawberry.type
class Pagination:
    page: int
    page_size: int
    total_count: int
    total_pages: int
    has_more: bool
    has_previous: bool


@strawberry.type
class ContactPage:
    success: bool
    contacts: list[Contact]
    pagination: Pagination


@strawberry.type
class Sent:
    success: bool
    skipped: bool
    recipients: list[str]
    message: str


NAME = 1000


@strawberry.input
class BotInput:
    id: strawberry.ID | None = nullable()
    name: str = required(min_length=1, max_length=NAME)
    description: str = required(min_length=1, max_length=NAME)
    adapter: str = required(min_length=1, max_length=NAME)
    adapter_config: JSONObject | None = nullable()
    enable: bool | None = nullable()


@strawberry.input
class AccountInput:
    platform: Platform
    external_id: str = required(min_length=1, max_length=500)
    display_name: str = required(min_length=1, max_length=NAME)
    status: AccountStatus | None = nullable()
    credentials: JSONObject
    metadata: JSONObject | None = nullable()
    bot: BotInput | None = nullable()


@strawberry.input
class AccountChangeInput:
    metadata: JSONObject | None = nullable()
    status: AccountStatus | None = nullable()
    credentials: JSONObject | None = nullable()


@strawberry.input
class GmailCheckInput:
    email: str = required(min_length=3, max_length=320)
    app_password: str = required(min_length=16, max_length=16)


@strawberry.input
class OutlookCheckInput:
    email: str = required(min_length=3, max_length=320)
    app_password: str = required(min_length=1, max_length=1000)


@strawberry.input
class SendInput:
    bot_id: strawberry.ID | None = nullable()
    recipients: list[str] | None = nullable()
    message: str | None = nullable(max_length=1_000_000)
    message_html: str | None = nullable(max_length=1_000_000)
    subject: str | None = nullable(max_length=NAME)
    cc: list[str] | None = nullable()
    bcc: list[str] | None = nullable()
