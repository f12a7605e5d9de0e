"""OpenLoomi's GraphQL types, one module per concern."""
