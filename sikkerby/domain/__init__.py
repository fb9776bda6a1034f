"""The strategy's concepts, pure: registry, status rules, survey margins, an area against the
city, the districts of a measure, coverage."""
