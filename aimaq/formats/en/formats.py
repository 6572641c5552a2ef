# English for a Kazakhstan audience: ISO-like dates people here read without doubt.
DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "j M Y H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1
