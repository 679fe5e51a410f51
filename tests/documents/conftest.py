"""Documents are slow to make (WeasyPrint lays out every page): each test module makes the
ones it reads once."""
