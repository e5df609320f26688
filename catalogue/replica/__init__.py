"""Serving the public from several processes: published snapshots, read-only replicas, forwarded requests."""
