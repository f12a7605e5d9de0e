"""Arkloop's rules, by concern: sign-in (`auth`, `email_auth`), permissions (`policy`), the
caller's profile, keys and accounts (`accounts`), teams and invitations (`teams`), threads,
messages and projects (`conversations`), runs and their execution (`runs`, `agent`), project
workspaces (`workspace`) and outgoing mail (`mail`). Nothing here knows GraphQL or HTTP."""
