"""Arkloop's GraphQL types by concern (`accounts`, `auth`, `conversations`, `runs`, `teams`,
`workspace`, and what they share in `common`), and the request bodies in `inputs`."""
