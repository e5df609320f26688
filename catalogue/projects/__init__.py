"""Projects: the model, reference labels, filters, queries for pages, import, export, demo data."""
