"""Every read and write of one account's records attempted from another account: each answers
as if the record did not exist, and nothing changes."""

from __future__ import annotations

from app.jobs import Worker

from .api import GraphQL, Rest, register

Api = Rest | GraphQL


async def test_other_accounts_records_do_not_exist(api: Api, worker: Worker) -> None:
    alice = await register(api, "alice")
    mallory = await register(api, "mallory")
    thread = (await api.call("createThread", token=alice, input={"title": "secret"})).data
    await api.call("createMessage", token=alice, id=thread["id"], input={"content": "hi"})
    run_id = (await api.call("createRun", token=alice, id=thread["id"], input={})).data["run_id"]
    await worker.run_once()
    project = (await api.call("createProject", token=alice, input={"name": "P"})).data
    key = (await api.call("createApiKey", token=alice, input={"name": "k"})).data
    account_id = thread["account_id"]
    team = (await api.call("createTeam", token=alice, input={"name": "T"})).data
    alice_id = (await api.call("getMe", token=alice)).data["id"]
    invite = {"email": "eve@example.com", "role": "member"}
    invitation = (await api.call("createInvitation", token=alice, id=account_id, input=invite)).data
    member = {"user_id": alice_id, "role": "member"}

    attempts = [
        ("getThread", {"id": thread["id"]}, "threads.not_found"),
        ("updateThread", {"id": thread["id"], "input": {"title": "x"}}, "threads.not_found"),
        ("deleteThread", {"id": thread["id"]}, "threads.not_found"),
        ("starThread", {"id": thread["id"]}, "threads.not_found"),
        ("unstarThread", {"id": thread["id"]}, "threads.not_found"),
        ("forkThread", {"id": thread["id"]}, "threads.not_found"),
        ("retryThread", {"id": thread["id"]}, "threads.not_found"),
        ("createMessage", {"id": thread["id"], "input": {"content": "x"}}, "threads.not_found"),
        ("listMessages", {"id": thread["id"]}, "threads.not_found"),
        ("createRun", {"id": thread["id"], "input": {}}, "threads.not_found"),
        ("listThreadRuns", {"id": thread["id"]}, "threads.not_found"),
        ("getRun", {"id": run_id}, "runs.not_found"),
        ("cancelRun", {"id": run_id}, "runs.not_found"),
        ("provideRunInput", {"id": run_id, "input": {"content": "x"}}, "runs.not_found"),
        ("listRuns", {"before": run_id}, "runs.not_found"),
        ("getProject", {"id": project["id"]}, "projects.not_found"),
        ("getProjectWorkspace", {"id": project["id"]}, "projects.not_found"),
        ("listProjectWorkspaceFiles", {"id": project["id"]}, "projects.not_found"),
        ("createThread", {"input": {"project_id": project["id"]}}, "projects.not_found"),
        ("revokeApiKey", {"id": key["id"]}, "api_keys.not_found"),
        ("getAccount", {"id": account_id}, "accounts.not_found"),
        ("listTeamMembers", {"id": team["id"]}, "teams.not_found"),
        ("addTeamMember", {"id": team["id"], "input": member}, "teams.not_found"),
        ("removeTeamMember", {"id": team["id"], "user_id": alice_id}, "teams.not_found"),
        ("deleteTeam", {"id": team["id"]}, "teams.not_found"),
        ("createInvitation", {"id": account_id, "input": invite}, "accounts.not_found"),
        ("listInvitations", {"id": account_id}, "accounts.not_found"),
        ("revokeInvitation", {"id": invitation["id"]}, "invitations.not_found"),
    ]
    for operation, variables, code in attempts:
        outcome = await api.call(operation, token=mallory, **variables)
        assert (outcome.status, outcome.code) == (404, code), operation

    # Mallory's own team cannot take in Alice, who is not a member of Mallory's account.
    own = (await api.call("createTeam", token=mallory, input={"name": "M"})).data
    adopt = await api.call("addTeamMember", token=mallory, id=own["id"], input=member)
    assert (adopt.status, adopt.code) == (404, "users.not_found")

    listings = ("listThreads", "listRuns", "listProjects", "listApiKeys", "listStarredThreads")
    for listing in listings:
        assert (await api.call(listing, token=mallory)).data == [], listing
    assert (await api.call("searchThreads", token=mallory, q="secret")).data == []
    assert [t["id"] for t in (await api.call("listTeams", token=mallory)).data] == [own["id"]]

    assert (await api.call("listTeams", token=alice)).data == [team]
    pending = (await api.call("listInvitations", token=alice, id=account_id)).data
    assert pending[0]["revoked_at"] is None

    assert (await api.call("getThread", token=alice, id=thread["id"])).data["title"] == "secret"
    messages = (await api.call("listMessages", token=alice, id=thread["id"])).data
    assert [m["role"] for m in messages] == ["user", "assistant"]
    assert (await api.call("getMe", token=key["key"])).data["username"] == "alice"


async def test_private_threads_stay_with_their_author(api: Api) -> None:
    alice = await register(api, "alice")
    thread = (await api.call("createThread", token=alice, input={"is_private": True})).data
    listed = (await api.call("listThreads", token=alice)).data
    assert [t["id"] for t in listed] == [thread["id"]]
