"""Vietnamese date formats, day first (settings.FORMAT_MODULE_PATH).

Django's own vi module writes dates in words and sets no input formats, so its
forms fell back to the American ones of the global settings: "02/12/2026" was
read as 12 February and "13/12/2026" refused. What this module leaves out still
comes from Django's vi module. publishing.dates holds the admin's forms and the imports
to these formats alone.
"""

DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
# Monday, in the admin's calendar.
FIRST_DAY_OF_WEEK = 1

# The first of each list is how forms, the admin's calendar and clock, and exports
# write a value; all of them are read.
DATE_INPUT_FORMATS = ["%d/%m/%Y"]
# The admin's time box shows hours and minutes; a time typed with seconds is read
# too. Saving a form as shown keeps a stored time's seconds (VersionedForm).
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y"]
