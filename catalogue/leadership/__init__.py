"""Leadership: the dashboard's figures and charts, the plan's targets and tasks, the annual report."""
