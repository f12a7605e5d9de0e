"""LoreOS's GraphQL types; field names are the product's JSON names (snake_case)."""
