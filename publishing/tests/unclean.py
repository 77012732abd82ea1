"""Characters a paste or a file brings into text that must not be stored.

Generated from their definitions, every one of them, rather than a few by hand.
"""

# Each separates two lines: stored as one "\n" ("\r\n" is one break, not two).
LINE_BREAKS = ["\r\n", "\r", "\x0b", "\x0c", "\x85"]
# Removed: the C0 controls but tab, newline and the breaks, DEL, the C1 controls
# but NEL, and the Unicode non-characters (U+FDD0–U+FDEF, U+xxFFFE, U+xxFFFF).
REMOVED = [
    *(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r\x0b\x0c"),
    "\x7f",
    *(chr(c) for c in range(0x80, 0xA0) if c != 0x85),
    *(chr(c) for c in range(0xFDD0, 0xFDF0)),
    *(
        chr(plane + c)
        for plane in range(0, 0x110000, 0x10000)
        for c in (0xFFFE, 0xFFFF)
    ),
]
# All of them in one piece: cleaned, it is one "\n" for each line break.
EVERY = "".join(REMOVED) + "".join(LINE_BREAKS)
BREAKS = "\n" * len(LINE_BREAKS)


def spoil(text, unwanted=EVERY):
    """Return text with unwanted in place of its first space, or after it."""
    head, space, tail = text.partition(" ")
    return f"{head}{unwanted}{tail}" if space else f"{text}{unwanted}"


def spoilt(text):
    """Return what spoil(text) is stored as: its first space one line per break."""
    head, space, tail = text.partition(" ")
    return f"{head}{BREAKS}{tail}" if space else f"{text}{BREAKS}"


def name(char):
    """Return a test id for char: U+000B."""
    return f"U+{ord(char):04X}"
