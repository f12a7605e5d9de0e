"""All of Arkloop's SQL: identity (users, accounts, sessions, API keys, email tokens),
conversations (threads, messages, projects), runs (runs and their events) and teams (teams,
members, invitations). Each kind of record is read one way: projects, teams, API keys and
invitations as plain rows on the shared base (`owned.Owned`, read through their account), the
others as ORM objects."""
