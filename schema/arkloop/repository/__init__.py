"""All of Arkloop's SQL: identity (users, accounts, sessions, keys), conversations (threads,
messages, projects) and runs (runs and their events)."""
