"""One module per area of the console; each exports `ROUTES`."""
