"""Files besides the workbook (calendars, the picture) and writing every output as one unit."""
