"""Pure builders of what people see: sentences, links, chart specs, the map and its legend,
the locator SVG, files."""
