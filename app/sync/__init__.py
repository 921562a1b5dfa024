"""Sync between offices: identities and keys, signed and encrypted bundles, merging.
No Qt here (STYLE.md)."""
