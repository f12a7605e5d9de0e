"""Loop's rules, by concern; they import neither Strawberry nor the web framework."""
