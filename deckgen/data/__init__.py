"""Shop data: loading the outline's tables, and the numbers computed from them."""
