"""OpenLoomi's per-request dataloaders, one class per read."""
