"""cbtforge: compile e-learning courses written as YAML + Markdown into SCORM 1.2 packages."""
