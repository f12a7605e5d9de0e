"""LoreOS's rules, by concern; nothing here knows a transport."""
