"""The staff workspace: accounts and sessions, editing, review workflow, history, health, inquiries."""
