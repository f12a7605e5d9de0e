"""Teams and invitations on both transports, with the roles that may manage them; invite-only
and disabled registration."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.db import Database
from schema.arkloop.settings import ArkloopSettings

from .api import GraphQL, Outcome, Rest, register
from .test_mail import outbox

Api = Rest | GraphQL


@pytest.fixture
def registration(arkloop_settings: ArkloopSettings) -> Iterator[ArkloopSettings]:
    yield arkloop_settings
    arkloop_settings.registration_mode = "open"


async def me(api: Api, token: str) -> dict[str, str]:
    return dict((await api.call("getMe", token=token)).data)


def _token(body: str) -> str:
    return body.split("Invitation token: ")[1].split()[0]


async def test_teams(api: Api) -> None:
    alice = await register(api, "alice")
    created = await api.call("createTeam", token=alice, input={"name": "Legal"})
    assert created.status == 201
    team = created.data
    assert team["name"] == "Legal" and team["members_count"] == 0
    alice_me = await me(api, alice)
    assert team["account_id"] == alice_me["account_id"]

    added = await api.call(
        "addTeamMember",
        token=alice,
        id=team["id"],
        input={"user_id": alice_me["id"], "role": "admin"},
    )
    assert added.status == 201 and added.data["role"] == "admin"
    twice = await api.call(
        "addTeamMember",
        token=alice,
        id=team["id"],
        input={"user_id": alice_me["id"], "role": "member"},
    )
    assert (twice.status, twice.code) == (409, "teams.member_exists")
    bad_role = await api.call(
        "addTeamMember",
        token=alice,
        id=team["id"],
        input={"user_id": alice_me["id"], "role": "god"},
    )
    assert (bad_role.status, bad_role.code) == (422, "validation.error")
    members = (await api.call("listTeamMembers", token=alice, id=team["id"])).data
    assert [(m["user_id"], m["role"]) for m in members] == [(alice_me["id"], "admin")]
    assert (await api.call("listTeams", token=alice)).data[0]["members_count"] == 1

    removed = await api.call("removeTeamMember", token=alice, id=team["id"], user_id=alice_me["id"])
    assert (removed.status, removed.value) == (204, None)
    assert (await api.call("listTeamMembers", token=alice, id=team["id"])).data == []
    deleted = await api.call("deleteTeam", token=alice, id=team["id"])
    assert (deleted.status, deleted.value) == (204, None)
    assert (await api.call("listTeams", token=alice)).data == []
    gone = await api.call("listTeamMembers", token=alice, id=team["id"])
    assert (gone.status, gone.code) == (404, "teams.not_found")


async def test_invitations_join_the_account_with_their_role(api: Api, database: Database) -> None:
    alice = await register(api, "alice")
    bob = await register(api, "bob")
    account_id = (await me(api, alice))["account_id"]
    created = await api.call(
        "createInvitation",
        token=alice,
        id=account_id,
        input={"email": "Bob@example.com", "role": "member"},
    )
    assert created.status == 201
    invitation = created.data
    assert invitation["email"] == "bob@example.com" and invitation["accepted_at"] is None
    [letter] = await outbox(database, "bob@example.com")
    assert letter.kind == "invitation" and _token(letter.body) == invitation["token"]
    listed = (await api.call("listInvitations", token=alice, id=account_id)).data
    assert [i["id"] for i in listed] == [invitation["id"]] and listed[0]["token"] is None

    carol = await register(api, "carol")
    wrong_user = await _accept(api, carol, invitation["token"])
    assert (wrong_user.status, wrong_user.code) == (403, "invitations.email_mismatch")
    assert (await _accept(api, bob, invitation["token"])).data == {"ok": True}
    again = await _accept(api, bob, invitation["token"])
    assert (again.status, again.code) == (404, "invitations.not_found")

    accounts = (await api.call("listMyAccounts", token=bob)).data
    assert {(a["id"], a["role"]) for a in accounts} >= {(account_id, "member")}
    # A member may read the account's teams but not manage them or its invitations.
    await api.call("createTeam", token=alice, input={"name": "Ops"})
    bob_in_alice = await api.call("getAccount", token=bob, id=account_id)
    assert bob_in_alice.data["role"] == "member"
    denied = await api.call(
        "createInvitation",
        token=bob,
        id=account_id,
        input={"email": "d@example.com", "role": "admin"},
    )
    assert (denied.status, denied.code) == (403, "policy.denied")
    if isinstance(api, Rest):  # GraphQL errors carry no details
        assert denied.details == {"action": "account.manage"}
    assert (await api.call("createTeam", token=bob, input={"name": "Mine"})).status == 201


async def _accept(api: Api, token: str, invitation_token: str) -> Outcome:
    return await api.call("acceptInvitation", token, {"token": invitation_token})


async def test_revoked_invitations_cannot_be_accepted(api: Api) -> None:
    alice = await register(api, "alice")
    bob = await register(api, "bob")
    account_id = (await me(api, alice))["account_id"]
    invitation = (
        await api.call(
            "createInvitation",
            token=alice,
            id=account_id,
            input={"email": "bob@example.com", "role": "admin"},
        )
    ).data
    revoked = await api.call("revokeInvitation", token=alice, id=invitation["id"])
    assert (revoked.status, revoked.value) == (204, None)
    listed = (await api.call("listInvitations", token=alice, id=account_id)).data
    assert listed[0]["revoked_at"] is not None
    late = await _accept(api, bob, invitation["token"])
    assert (late.status, late.code) == (404, "invitations.not_found")


async def test_invite_only_registration(api: Api, registration: ArkloopSettings) -> None:
    alice = await register(api, "alice")
    account_id = (await me(api, alice))["account_id"]
    invitation = (
        await api.call(
            "createInvitation",
            token=alice,
            id=account_id,
            input={"email": "bob@example.com", "role": "member"},
        )
    ).data
    registration.registration_mode = "invite_only"
    assert (await api.call("registrationMode")).data == {"mode": "invite_only"}
    body = {"login": "bob", "password": "correct horse", "email": "bob@example.com"}
    missing = await api.call("register", input=body)
    assert (missing.status, missing.code) == (403, "auth.invite_required")
    wrong = await api.call("register", input={**body, "invite_code": "made-up"})
    assert (wrong.status, wrong.code) == (403, "auth.invite_code_invalid")
    elsewhere = await api.call(
        "register", input={**body, "email": "eve@example.com", "invite_code": invitation["token"]}
    )
    assert (elsewhere.status, elsewhere.code) == (403, "auth.invite_code_invalid")

    joined = await api.call("register", input={**body, "invite_code": invitation["token"]})
    assert joined.status == 201
    bob = joined.data["access_token"]
    bob_me = await me(api, bob)
    assert bob_me["role"] == "owner" and bob_me["email_verified"] is True  # personal account
    roles = {a["id"]: a["role"] for a in (await api.call("listMyAccounts", token=bob)).data}
    assert roles[account_id] == "member"
    reused = await api.call(
        "register",
        input={
            "login": "bob2",
            "password": "correct horse",
            "email": "bob@example.com",
            "invite_code": invitation["token"],
        },
    )
    assert (reused.status, reused.code) == (403, "auth.invite_code_invalid")


async def test_disabled_registration(api: Api, registration: ArkloopSettings) -> None:
    registration.registration_mode = "disabled"
    assert (await api.call("registrationMode")).data == {"mode": "disabled"}
    body = {"login": "bob", "password": "correct horse", "email": "bob@example.com"}
    refused = await api.call("register", input=body)
    assert (refused.status, refused.code) == (403, "auth.registration_disabled")
