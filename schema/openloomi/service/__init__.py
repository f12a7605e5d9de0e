"""OpenLoomi's rules, one module per concern; nothing here knows GraphQL or HTTP."""
