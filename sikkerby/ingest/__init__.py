"""Commands that write data: validation, build, imports, Danmarks Statistik and boundaries.
Never imported by the app."""
