"""Authentication primitives shared by the domains."""
